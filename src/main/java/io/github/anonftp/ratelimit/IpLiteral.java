package io.github.anonftp.ratelimit;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads IP address literals without any name service: text is only ever taken as digits, never looked up.
 * Results use the two-long layout of {@link IpAddresses}.
 */
final class IpLiteral {

    private IpLiteral() {
    }

    /**
     * The 32 bits of a dotted-quad IPv4 address, or -1 when {@code text} is not exactly four decimal numbers
     * 0..255. Leading zeros are refused: some resolvers read {@code 010} as octal 8, so its meaning is unclear.
     */
    static long parseIpv4(String text) {
        List<String> parts = split(text, '.');
        if (parts.size() != 4) {
            return -1;
        }
        long value = 0;
        for (String part : parts) {
            int octet = parseOctet(part);
            if (octet < 0) {
                return -1;
            }
            value = (value << 8) | octet;
        }
        return value;
    }

    private static int parseOctet(String part) {
        if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255 ? value : -1;
    }

    /**
     * The {@code {high, low}} bits of an RFC 4291 §2.2 IPv6 address (eight groups of 1 to 4 hex digits, at most
     * one {@code ::} standing for one or more zero groups, optionally a dotted-quad IPv4 address as the last 32
     * bits), or {@code null} when {@code text} is not one.
     */
    static long[] parseIpv6(String text) {
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            return null;
        }
        int[] groups = new int[8];
        String head = gap < 0 ? text : text.substring(0, gap);
        int headCount = head.isEmpty() && gap >= 0 ? 0 : parseGroups(head, gap < 0, groups);
        if (headCount < 0) {
            return null;
        }
        if (gap < 0) {
            return headCount == 8 ? join(groups) : null;
        }
        String tail = text.substring(gap + 2);
        int[] tailGroups = new int[8];
        int tailCount = tail.isEmpty() ? 0 : parseGroups(tail, true, tailGroups);
        if (tailCount < 0 || headCount + tailCount > 7) {
            return null;
        }
        System.arraycopy(tailGroups, 0, groups, 8 - tailCount, tailCount);
        return join(groups);
    }

    /** Reads colon-separated groups into {@code out}; returns how many, or -1 if malformed. */
    private static int parseGroups(String text, boolean mayEndWithIpv4, int[] out) {
        List<String> parts = split(text, ':');
        int count = 0;
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (mayEndWithIpv4 && i == parts.size() - 1 && part.indexOf('.') >= 0) {
                long ipv4 = parseIpv4(part);
                if (ipv4 < 0 || count > 6) {
                    return -1;
                }
                out[count++] = (int) (ipv4 >>> 16);
                out[count++] = (int) (ipv4 & 0xffff);
                continue;
            }
            int group = parseGroup(part);
            if (group < 0 || count > 7) {
                return -1;
            }
            out[count++] = group;
        }
        return count;
    }

    private static int parseGroup(String part) {
        if (part.isEmpty() || part.length() > 4) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            int digit = hexDigit(part.charAt(i));
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /** The value of an ASCII hex digit, or -1 (so no other script's digits slip through). */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static long[] join(int[] groups) {
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = (high << 16) | groups[i];
            low = (low << 16) | groups[i + 4];
        }
        return new long[] {high, low};
    }

    /** Splits on every {@code separator}, keeping empty parts (so "1..2" has an empty middle part). */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == separator) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        return parts;
    }
}

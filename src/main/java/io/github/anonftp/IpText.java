package io.github.anonftp;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * Canonical text of IP addresses, the one form every log and key uses: dotted quad for IPv4 (IPv4-mapped
 * IPv6 addresses included), RFC 5952 §4 for IPv6 (lower-case hex without leading zeros, the first longest
 * run of two or more zero groups written {@code ::}). The JDK's {@code getHostAddress()} writes
 * {@code 0:0:0:0:0:0:0:1}, and keeps a zone id.
 */
public final class IpText {

    private IpText() {
    }

    public static String of(InetAddress address) {
        return network(address, 32, 128);
    }

    /** The address with only its first {@code ipv4Bits} or {@code ipv6Bits} kept, the rest zero. */
    public static String network(InetAddress address, int ipv4Bits, int ipv6Bits) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && isMapped(bytes)) {
            bytes = new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < bytes.length; i++) {
            long b = bytes[i] & 0xffL;
            if (i < 8) {
                high = high << 8 | b;
            } else {
                low = low << 8 | b;
            }
        }
        if (bytes.length == 4 || address instanceof Inet4Address) {
            return ipv4(keep(high, 32, ipv4Bits));
        }
        return ipv6(keep(high, 64, ipv6Bits), keep(low, 64, ipv6Bits - 64));
    }

    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    /** Keeps the top {@code bits} of a {@code width}-bit value. */
    private static long keep(long value, int width, int bits) {
        if (bits >= width) {
            return value;
        }
        if (bits <= 0) {
            return 0;
        }
        long mask = width == 64 ? -1L << (64 - bits) : ((1L << width) - 1) & (-1L << (width - bits));
        return value & mask;
    }

    /** Dotted-quad text of an IPv4 address held in the low 32 bits. */
    public static String ipv4(long value) {
        return ((value >>> 24) & 0xff) + "." + ((value >>> 16) & 0xff) + "." + ((value >>> 8) & 0xff) + "."
                + (value & 0xff);
    }

    /** RFC 5952 text of the IPv6 address {@code high:low}. */
    public static String ipv6(long high, long low) {
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (high >>> (48 - 16 * i)) & 0xffff;
            groups[i + 4] = (int) (low >>> (48 - 16 * i)) & 0xffff;
        }
        int[] run = longestZeroRun(groups);
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == run[0]) {
                text.append("::");
                i += run[1] - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** {@code {start, length}} of the first longest run of at least two zero groups, or {@code {-1, 0}}. */
    private static int[] longestZeroRun(int[] groups) {
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int end = i;
            while (end < groups.length && groups[end] == 0) {
                end++;
            }
            if (end - i > bestLength) {
                bestStart = i;
                bestLength = end - i;
            }
            i = Math.max(i, end);
        }
        return bestStart < 0 ? new int[] {-1, 0} : new int[] {bestStart, bestLength};
    }
}

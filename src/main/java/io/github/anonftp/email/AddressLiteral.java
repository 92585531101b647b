package io.github.anonftp.email;

/**
 * RFC 5321 §4.1.3 address literals: {@code [IPv4]} and {@code [IPv6:...]} in all four IPv6 forms. General
 * address literals ({@code [tag:content]}) are rejected: no other tag is registered.
 */
final class AddressLiteral {

    private static final String IPV6_TAG = "IPv6:";

    private AddressLiteral() {
    }

    /** Whether {@code literal}, brackets included, is a valid IPv4 or IPv6 address literal. */
    static boolean isValid(String literal) {
        int length = literal.length();
        if (length < 2 || literal.charAt(0) != '[' || literal.charAt(length - 1) != ']') {
            return false;
        }
        String body = literal.substring(1, length - 1);
        if (body.regionMatches(true, 0, IPV6_TAG, 0, IPV6_TAG.length())) {
            return isIpv6(body.substring(IPV6_TAG.length()));
        }
        return isIpv4(body);
    }

    /** Four dot-separated {@code Snum}s: 1 to 3 digits, value 0 to 255. */
    static boolean isIpv4(String text) {
        int parts = 0;
        int start = 0;
        while (true) {
            int dot = text.indexOf('.', start);
            int end = dot < 0 ? text.length() : dot;
            if (!isSnum(text, start, end) || ++parts > 4) {
                return false;
            }
            if (dot < 0) {
                return parts == 4;
            }
            start = dot + 1;
        }
    }

    private static boolean isSnum(String text, int start, int end) {
        if (end <= start || end - start > 3) {
            return false;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!Chars.isAsciiDigit(c)) {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return value <= 255;
    }

    /**
     * IPv6-full (8 groups), IPv6-comp ({@code ::} and at most 6 other groups), IPv6v4-full (6 groups and an
     * IPv4 address) and IPv6v4-comp ({@code ::}, at most 4 other groups and an IPv4 address).
     */
    static boolean isIpv6(String text) {
        String hex = text;
        int groups = 8;
        if (text.indexOf('.') >= 0) {
            int colon = text.lastIndexOf(':');
            if (colon < 0 || !isIpv4(text.substring(colon + 1))) {
                return false;
            }
            hex = text.substring(0, colon + 1);
            // The colon before the IPv4 part belongs to "::" when it ends one; otherwise it is a separator.
            hex = hex.endsWith("::") ? hex : hex.substring(0, hex.length() - 1);
            groups = 6;
        }
        int gap = hex.indexOf("::");
        if (gap < 0) {
            return countGroups(hex) == groups;
        }
        if (hex.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        int left = gap == 0 ? 0 : countGroups(hex.substring(0, gap));
        int right = gap + 2 == hex.length() ? 0 : countGroups(hex.substring(gap + 2));
        return left >= 0 && right >= 0 && left + right <= groups - 2;
    }

    /** The number of colon-separated groups of 1 to 4 hex digits, or -1 when any group is malformed. */
    private static int countGroups(String text) {
        int count = 1;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') {
                if (digits == 0) {
                    return -1;
                }
                count++;
                digits = 0;
            } else if (isHexDigit(c) && digits < 4) {
                digits++;
            } else {
                return -1;
            }
        }
        return digits == 0 ? -1 : count;
    }

    private static boolean isHexDigit(char c) {
        return Chars.isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}

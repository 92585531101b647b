package io.github.anonftp.email;

/** Character classes and UTF-8 lengths shared by the parsers. */
final class Chars {

    private Chars() {
    }

    /** C0 controls, DEL and C1 controls; HTAB only when {@code tabIsControl}. */
    static boolean isControl(char c, boolean tabIsControl) {
        if (c == '\t') {
            return tabIsControl;
        }
        return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
    }

    static int firstControl(String s, boolean tabIsControl) {
        for (int i = 0; i < s.length(); i++) {
            if (isControl(s.charAt(i), tabIsControl)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static boolean isAsciiLetterOrDigit(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** RFC 6532 {@code UTF8-non-ascii}, minus C1 controls, the line and paragraph separators and surrogates. */
    static boolean isUtf8NonAscii(int codePoint) {
        return codePoint > 0x9F && codePoint != 0x2028 && codePoint != 0x2029
                && !(codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE);
    }

    /** The length of {@code s} in UTF-8; a lone surrogate counts as 3 octets. */
    static int utf8Length(String s) {
        int octets = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                octets += 1;
            } else if (c < 0x800) {
                octets += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                octets += 4;
                i++;
            } else {
                octets += 3;
            }
        }
        return octets;
    }
}

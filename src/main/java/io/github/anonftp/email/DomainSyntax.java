package io.github.anonftp.email;

import java.net.IDN;

/**
 * The RFC 5321 {@code Domain} (dot-separated {@code Let-dig [Ldh-str]} labels) or an address literal; with
 * {@code smtpUtf8}, RFC 6531 U-labels checked through {@link IDN#toASCII(String)}.
 */
final class DomainSyntax {

    static final int MAX_LABEL_OCTETS = 63;
    static final int MAX_DOMAIN_OCTETS = 255;

    private DomainSyntax() {
    }

    /** {@link Reason#OK} or the reason {@code domain} (non-empty, lower-cased) is not valid. */
    static String check(String domain, boolean smtpUtf8) {
        if (domain.startsWith("[")) {
            return AddressLiteral.isValid(domain) ? Reason.OK : Reason.INVALID_ADDRESS_LITERAL;
        }
        int start = 0;
        while (true) {
            int dot = domain.indexOf('.', start);
            int end = dot < 0 ? domain.length() : dot;
            String reason = checkLabel(domain.substring(start, end), smtpUtf8);
            if (!reason.equals(Reason.OK)) {
                return reason;
            }
            if (dot < 0) {
                break;
            }
            start = dot + 1;
        }
        return Chars.utf8Length(domain) > MAX_DOMAIN_OCTETS ? Reason.DOMAIN_TOO_LONG : Reason.OK;
    }

    private static String checkLabel(String label, boolean smtpUtf8) {
        if (label.isEmpty()) {
            return Reason.INVALID_DOMAIN;
        }
        if (Chars.utf8Length(label) > MAX_LABEL_OCTETS) {
            return Reason.LABEL_TOO_LONG;
        }
        if (Chars.isAscii(label)) {
            return isLdhLabel(label) ? Reason.OK : Reason.INVALID_DOMAIN;
        }
        return smtpUtf8 && isULabel(label) ? Reason.OK : Reason.INVALID_DOMAIN;
    }

    /** {@code Let-dig [Ldh-str]}: letters, digits and hyphens, neither first nor last a hyphen. */
    static boolean isLdhLabel(String label) {
        int last = label.length() - 1;
        if (label.isEmpty() || label.charAt(0) == '-' || label.charAt(last) == '-') {
            return false;
        }
        for (int i = 0; i <= last; i++) {
            char c = label.charAt(i);
            if (!Chars.isAsciiLetterOrDigit(c) && c != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * Approximates an IDNA2008 U-label with Java's IDNA2003 mapping: the label must map to a single LDH
     * label. {@link IDN} also treats the ideographic full stop as a dot, so a mapping to several labels fails.
     */
    private static boolean isULabel(String label) {
        for (int i = 0; i < label.length(); ) {
            int codePoint = label.codePointAt(i);
            if (codePoint >= 0x80 && !Chars.isUtf8NonAscii(codePoint)) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        try {
            String ascii = IDN.toASCII(label);
            return ascii.length() <= MAX_LABEL_OCTETS && ascii.indexOf('.') < 0 && isLdhLabel(ascii);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

package io.github.anonftp.email;

/**
 * The RFC 5321 §4.1.2 {@code Mailbox}: {@code Local-part "@" ( Domain / address-literal )}, extended by
 * RFC 6531 when {@code smtpUtf8} is on. Hand-written and linear in the input length; no comments, CFWS or
 * obsolete forms. The mailbox is split at its last {@code @}, which only a quoted local part may also contain.
 */
final class MailboxParser {

    static final int MAX_LOCAL_PART_OCTETS = 64;
    static final int MAX_MAILBOX_OCTETS = 254;

    private MailboxParser() {
    }

    /**
     * {@link Reason#OK} or the first reason {@code address} is not a mailbox, checked in this order: empty,
     * control character, no {@code @}, empty local part, empty domain, whitespace, non-ASCII, local part,
     * domain, total length.
     */
    static String check(String address, boolean smtpUtf8) {
        String reason = checkStructure(address);
        if (!reason.equals(Reason.OK)) {
            return reason;
        }
        int at = address.lastIndexOf('@');
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (hasWhitespaceOutsideQuotes(local) || domain.indexOf(' ') >= 0 || domain.indexOf('\t') >= 0) {
            return Reason.WHITESPACE;
        }
        if (!smtpUtf8 && !Chars.isAscii(address)) {
            return Reason.NON_ASCII;
        }
        reason = localPartGrammar(local, smtpUtf8);
        if (reason.equals(Reason.OK)) {
            reason = DomainSyntax.check(domain, smtpUtf8);
        }
        if (reason.equals(Reason.OK) && Chars.utf8Length(address) > MAX_MAILBOX_OCTETS) {
            reason = Reason.ADDRESS_TOO_LONG;
        }
        return reason;
    }

    /** Empty, control characters (a tab is left for the whitespace check), the {@code @} and both sides. */
    private static String checkStructure(String address) {
        if (address.isEmpty()) {
            return Reason.EMPTY;
        }
        if (Chars.firstControl(address, false) >= 0) {
            return Reason.CONTROL_CHARACTER;
        }
        int at = address.lastIndexOf('@');
        if (at < 0) {
            return Reason.NO_AT_SIGN;
        }
        if (at == 0) {
            return Reason.EMPTY_LOCAL_PART;
        }
        return at == address.length() - 1 ? Reason.EMPTY_DOMAIN : Reason.OK;
    }

    /** Like {@link #check} for a local part alone (a bare {@code name@} or a list pattern). */
    static String checkLocalPart(String local, boolean smtpUtf8) {
        if (local.isEmpty()) {
            return Reason.EMPTY_LOCAL_PART;
        }
        if (Chars.firstControl(local, false) >= 0) {
            return Reason.CONTROL_CHARACTER;
        }
        if (hasWhitespaceOutsideQuotes(local)) {
            return Reason.WHITESPACE;
        }
        if (!smtpUtf8 && !Chars.isAscii(local)) {
            return Reason.NON_ASCII;
        }
        return localPartGrammar(local, smtpUtf8);
    }

    private static String localPartGrammar(String local, boolean smtpUtf8) {
        boolean valid = local.charAt(0) == '"' ? isQuotedString(local, smtpUtf8) : isDotString(local, smtpUtf8);
        if (!valid) {
            return Reason.INVALID_LOCAL_PART;
        }
        return Chars.utf8Length(local) > MAX_LOCAL_PART_OCTETS ? Reason.LOCAL_PART_TOO_LONG : Reason.OK;
    }

    /** Spaces and tabs outside a quoted string (where {@code \} escapes the next character). */
    static boolean hasWhitespaceOutsideQuotes(String local) {
        boolean quoted = false;
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == ' ' || c == '\t')) {
                return true;
            }
        }
        return false;
    }

    /** {@code Atom *("." Atom)}. */
    static boolean isDotString(String local, boolean smtpUtf8) {
        boolean expectAtom = true;
        for (int i = 0; i < local.length(); ) {
            int codePoint = local.codePointAt(i);
            if (codePoint == '.') {
                if (expectAtom) {
                    return false;
                }
                expectAtom = true;
            } else if (isAtext(codePoint, smtpUtf8)) {
                expectAtom = false;
            } else {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return !expectAtom;
    }

    /** {@code DQUOTE *QcontentSMTP DQUOTE}. */
    static boolean isQuotedString(String local, boolean smtpUtf8) {
        int end = local.length() - 1;
        if (end < 1 || local.charAt(0) != '"' || local.charAt(end) != '"') {
            return false;
        }
        int i = 1;
        while (i < end) {
            int codePoint = local.codePointAt(i);
            if (codePoint == '\\') {
                if (i + 1 >= end || local.charAt(i + 1) < 32 || local.charAt(i + 1) > 126) {
                    return false;
                }
                i += 2;
            } else if (isQtext(codePoint, smtpUtf8)) {
                i += Character.charCount(codePoint);
            } else {
                return false;
            }
        }
        return true;
    }

    /** {@code ALPHA / DIGIT / ! # $ % & ' * + - / = ? ^ _ ` { | } ~}, plus UTF-8 with {@code smtpUtf8}. */
    private static boolean isAtext(int c, boolean smtpUtf8) {
        if (c >= 0x80) {
            return smtpUtf8 && Chars.isUtf8NonAscii(c);
        }
        return Chars.isAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0;
    }

    /** {@code %d32-33 / %d35-91 / %d93-126}, plus UTF-8 with {@code smtpUtf8}. */
    private static boolean isQtext(int c, boolean smtpUtf8) {
        if (c >= 0x80) {
            return smtpUtf8 && Chars.isUtf8NonAscii(c);
        }
        return c >= 32 && c <= 126 && c != '"' && c != '\\';
    }
}

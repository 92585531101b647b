package io.github.anonftp.email;

import java.net.IDN;
import java.util.Locale;

/**
 * A password after normalisation, split at its last {@code @}.
 *
 * @param address     the normalised address (the verdict's {@code address})
 * @param local       the text before the last {@code @}, or the whole address when there is none
 * @param domain      the lower-cased text after the last {@code @}; empty when there is none
 * @param hasAt       whether there is an {@code @}
 * @param matchDomain the domain as compared with list patterns: mapped to A-labels when possible
 */
record Candidate(String address, String local, String domain, boolean hasAt, String matchDomain) {

    static Candidate of(String password, boolean smtpUtf8) {
        String text = strip(password);
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return new Candidate(text, text, "", false, "");
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1).toLowerCase(Locale.ROOT);
        String matchDomain = smtpUtf8 ? toAscii(domain) : domain;
        return new Candidate(local + "@" + domain, local, domain, true, matchDomain);
    }

    /** Strips surrounding SP and HTAB (nothing else) and then one leading {@code -}. */
    static String strip(String password) {
        int start = 0;
        int end = password.length();
        while (start < end && isBlank(password.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(password.charAt(end - 1))) {
            end--;
        }
        if (start < end && password.charAt(start) == '-') {
            start++;
        }
        return password.substring(start, end);
    }

    /** IDNA-maps a lower-cased domain to A-labels; returns it unchanged when it is ASCII or not mappable. */
    static String toAscii(String domain) {
        if (Chars.isAscii(domain)) {
            return domain;
        }
        try {
            return IDN.toASCII(domain).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return domain;
        }
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}

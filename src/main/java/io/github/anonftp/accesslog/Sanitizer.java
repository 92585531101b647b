package io.github.anonftp.accesslog;

/**
 * The one place client strings are made safe to hand to a format: lone surrogates are replaced and long values
 * are cut with a visible mark. Control characters are kept; each format escapes or replaces them its own way.
 * Lengths count UTF-16 chars, as {@link String#length()} does.
 */
final class Sanitizer {

    /** Stands in for an unpaired surrogate, which no encoder can write. */
    static final char REPLACEMENT = '\uFFFD';

    private Sanitizer() {
    }

    /**
     * The text of {@code raw} with every unpaired surrogate replaced by U+FFFD and, when longer than
     * {@code maxLength} chars, cut to its first {@code maxLength} chars (one fewer rather than split a surrogate
     * pair) followed by {@code …[+N]}, N being the number of chars cut. Null stays null.
     */
    static String clean(String raw, int maxLength) {
        if (raw == null) {
            return null;
        }
        String text = replaceLoneSurrogates(raw);
        if (text.length() <= maxLength) {
            return text;
        }
        int keep = Math.max(0, maxLength);
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + "\u2026[+" + (text.length() - keep) + "]";
    }

    private static String replaceLoneSurrogates(String raw) {
        StringBuilder out = null;
        int length = raw.length();
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (!Character.isSurrogate(c)) {
                continue;
            }
            boolean paired = Character.isHighSurrogate(c) && i + 1 < length
                    && Character.isLowSurrogate(raw.charAt(i + 1));
            if (paired) {
                i++;
                continue;
            }
            if (out == null) {
                out = new StringBuilder(raw);
            }
            out.setCharAt(i, REPLACEMENT);
        }
        return out == null ? raw : out.toString();
    }
}

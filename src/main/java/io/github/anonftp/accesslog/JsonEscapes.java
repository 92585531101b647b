package io.github.anonftp.accesslog;

import java.util.Locale;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Jackson's JSON escapes plus DEL, the C1 controls and U+2028/U+2029, all as {@code \}{@code uXXXX}. Jackson
 * writes these raw, which is valid JSON, but a terminal runs C1 controls and a JavaScript or log viewer may
 * break a line at U+0085, U+2028 or U+2029. Immutable.
 */
final class JsonEscapes extends CharacterEscapes {

    private static final int FIRST_C1 = 0x80;
    private static final int LAST_C1 = 0x9F;
    private static final SerializableString[] C1 = new SerializableString[LAST_C1 - FIRST_C1 + 1];
    private static final SerializableString LINE_SEPARATOR = escape(0x2028);
    private static final SerializableString PARAGRAPH_SEPARATOR = escape(0x2029);

    static {
        for (int c = FIRST_C1; c <= LAST_C1; c++) {
            C1[c - FIRST_C1] = escape(c);
        }
    }

    private final int[] ascii;

    JsonEscapes() {
        ascii = CharacterEscapes.standardAsciiEscapesForJSON();
        ascii[0x7F] = CharacterEscapes.ESCAPE_STANDARD;
    }

    private static SerializableString escape(int c) {
        return new SerializedString(String.format(Locale.ROOT, "\\u%04X", c));
    }

    /**
     * The shared table, not a copy: Jackson asks for it once per generator, that is once per record, and
     * only reads it (a copy was 528 bytes of every record's allocation).
     */
    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int c) {
        if (c >= FIRST_C1 && c <= LAST_C1) {
            return C1[c - FIRST_C1];
        }
        if (c == 0x2028) {
            return LINE_SEPARATOR;
        }
        return c == 0x2029 ? PARAGRAPH_SEPARATOR : null;
    }
}

package io.github.anonftp.anonymous;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.ftpserver.FtpServerConfigurationException;

import io.github.anonftp.Settings;

/**
 * Text from files that goes into replies (banner, login and directory messages), made safe: decoded as UTF-8
 * (bad bytes become U+FFFD), line ends normalised to {@code \n}, tabs turned into spaces, every other control
 * character (C0, DEL, C1, U+2028/2029) removed, each line cut to {@value #MAX_LINE} characters, trailing
 * blanks and surrounding empty lines dropped, at most {@value #MAX_BYTES} bytes read.
 */
final class MessageText {

    /** Bytes of a message file read at most; a configured file must not be larger. */
    static final int MAX_BYTES = 4096;
    /** Characters per line at most. */
    static final int MAX_LINE = 200;

    private MessageText() {
    }

    /** The sanitised text of at most the first {@link #MAX_BYTES} bytes of {@code file}. */
    static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sanitise(in.readNBytes(MAX_BYTES));
        }
    }

    /** Reads a configured message file at start-up; fails naming {@code setting} if unreadable or too large. */
    static String readFile(String setting, Path file) {
        Settings.required(setting, file);
        try {
            long size = Files.size(file);
            if (!Files.isRegularFile(file) || size > MAX_BYTES) {
                throw new FtpServerConfigurationException(setting + ": \"" + file + "\" "
                        + (Files.isRegularFile(file) ? "has " + size + " bytes" : "is not a regular file")
                        + "; expected a readable text file of at most " + MAX_BYTES + " bytes");
            }
            return read(file);
        } catch (IOException | SecurityException e) {
            throw new FtpServerConfigurationException(setting + ": \"" + file
                    + "\" cannot be read; expected a readable text file of at most " + MAX_BYTES + " bytes", e);
        }
    }

    static String sanitise(byte[] bytes) {
        try {
            return sanitise(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not throw", e);
        }
    }

    static String sanitise(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_BYTES));
        StringBuilder line = new StringBuilder();
        String normal = text.replace("\r\n", "\n").replace('\r', '\n');
        for (int i = 0; i < normal.length(); i++) {
            char c = normal.charAt(i);
            if (c == '\n') {
                endLine(out, line);
            } else if (line.length() < MAX_LINE) {
                if (c == '\t') {
                    line.append(' ');
                } else if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
                    line.append(c);
                }
            }
        }
        endLine(out, line);
        int start = 0;
        while (start < out.length() && out.charAt(start) == '\n') {
            start++;
        }
        return out.substring(start).stripTrailing();
    }

    private static void endLine(StringBuilder out, StringBuilder line) {
        out.append(line.toString().stripTrailing()).append('\n');
        line.setLength(0);
    }

    /** Fails naming {@code setting} when {@code text} holds more than {@link #MAX_BYTES} bytes of UTF-8. */
    static String checkSize(String setting, String text) {
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw Settings.invalid(setting, text, "at most " + MAX_BYTES + " bytes of text (it has " + bytes + ")");
        }
        return text;
    }

    /** A bare file name for directory messages, or empty for none. */
    static String checkFileName(String setting, String name) {
        Settings.required(setting, name);
        String value = name.strip();
        if (!value.isEmpty() && (value.equals(".") || value.equals("..") || value.indexOf('/') >= 0
                || value.indexOf('\\') >= 0 || value.chars().anyMatch(Character::isISOControl))) {
            throw Settings.invalid(setting, name, "a bare file name such as .message, or empty for none");
        }
        return value;
    }
}

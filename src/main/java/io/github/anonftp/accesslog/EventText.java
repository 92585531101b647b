package io.github.anonftp.accesslog;

import java.util.StringJoiner;

/**
 * {@link AccessEvent#toString()}: every set field on one line, for failure messages and debugging. Client text
 * is quoted and escaped like a Java string literal and capped, so that it can neither break the line nor make
 * it grow without bound.
 */
final class EventText {

    /** Client strings longer than this are cut with {@link Sanitizer}'s mark. */
    private static final int MAX_VALUE = 256;

    private EventText() {
    }

    static String describe(AccessEvent e) {
        StringJoiner text = new StringJoiner(" ", "AccessEvent[", "]");
        text.add(e.type().name());
        text.add("timestamp=" + e.timestamp());
        string(text, "session", e.session());
        string(text, "ip", e.ip());
        text.add("port=" + e.port());
        value(text, "outcome", e.outcome());
        string(text, "user", e.user());
        string(text, "account", e.account());
        string(text, "email", e.email());
        value(text, "verdict", e.verdict());
        string(text, "reason", e.reason());
        value(text, "retryAfterSeconds", e.retryAfterSeconds());
        value(text, "dryRun", e.dryRun());
        string(text, "command", e.command());
        value(text, "direction", e.direction());
        string(text, "path", e.path());
        value(text, "bytes", e.bytes());
        value(text, "durationMs", e.durationMs());
        string(text, "transferType", e.transferType());
        value(text, "status", e.status());
        string(text, "key", e.key());
        value(text, "until", e.until());
        value(text, "strike", e.strike());
        value(text, "bytesIn", e.bytesIn());
        value(text, "bytesOut", e.bytesOut());
        value(text, "filesIn", e.filesIn());
        value(text, "filesOut", e.filesOut());
        value(text, "reply", e.reply());
        value(text, "tls", e.tls());
        return text.toString();
    }

    private static void value(StringJoiner text, String name, Object value) {
        if (value != null) {
            text.add(name + "=" + value);
        }
    }

    private static void string(StringJoiner text, String name, String value) {
        if (value != null) {
            text.add(name + "=" + quoted(Sanitizer.clean(value, MAX_VALUE)));
        }
    }

    /** {@code "..."} with {@code "}, {@code \} and every control or line separator escaped. */
    static String quoted(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

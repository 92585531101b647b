package io.github.anonftp.accesslog;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;

/**
 * JSON Lines: one JSON object per event, keys in a fixed order ({@code v}, {@code ts}, {@code event},
 * {@code session}, {@code ip}, {@code port}, then the type's own keys, see docs/access-log.md). Null fields are
 * left out. Every string is cleaned by {@link Sanitizer} and escaped so that the record stays one line of valid
 * JSON whatever the client sent. Thread-safe.
 */
public final class JsonLinesFormat implements AccessLogFormat {

    /** The record layout version, the {@code v} key; raised when a key changes meaning or goes away. */
    public static final int VERSION = 1;

    private static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new JsonEscapes()).build();
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int INITIAL_BUFFER = 512;

    private final int maxFieldLength;
    private final ThreadLocal<StringWriter> buffers = ThreadLocal.withInitial(() -> new StringWriter(INITIAL_BUFFER));

    /**
     * @param maxFieldLength client strings longer than this many chars are cut, with a mark
     *                       ({@link AccessLogConfig#maxFieldLength()})
     */
    public JsonLinesFormat(int maxFieldLength) {
        if (maxFieldLength < 1) {
            throw new IllegalArgumentException("maxFieldLength is " + maxFieldLength + "; expected at least 1");
        }
        this.maxFieldLength = maxFieldLength;
    }

    /** The record as one line of JSON, never null: every event type is recorded. */
    @Override
    public String format(AccessEvent event) {
        StringWriter buffer = buffers.get();
        buffer.getBuffer().setLength(0);
        try (JsonGenerator json = FACTORY.createGenerator(buffer)) {
            json.writeStartObject();
            json.writeNumberField("v", VERSION);
            json.writeStringField("ts", timestamp(event.timestamp()));
            string(json, "event", event.type().token());
            string(json, "session", event.session());
            string(json, "ip", event.ip());
            json.writeNumberField("port", event.port());
            writeTypeFields(json, event);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a StringWriter does not fail", e);
        }
        return buffer.toString();
    }

    /** The ISO-8601 UTC text with exactly three decimals that every {@code ts} and {@code until} uses. */
    static String timestamp(Instant instant) {
        return ISO_MILLIS.format(instant);
    }

    private void writeTypeFields(JsonGenerator json, AccessEvent e) throws IOException {
        switch (e.type()) {
            case REFUSED -> {
                string(json, "reason", e.reason());
                number(json, "retry_after_s", e.retryAfterSeconds());
                if (e.dryRun() != null) {
                    json.writeBooleanField("dry_run", e.dryRun());
                }
            }
            case LOGIN -> writeLogin(json, e);
            case TRANSFER -> writeTransfer(json, e);
            case DENIED -> {
                string(json, "command", e.command());
                string(json, "path", e.path());
                number(json, "reply", e.reply());
                string(json, "reason", e.reason());
            }
            case BAN -> {
                string(json, "key", e.key());
                string(json, "until", e.until() == null ? null : timestamp(e.until()));
                number(json, "strike", e.strike());
                string(json, "reason", e.reason());
                string(json, "by", e.by());
            }
            case UNBAN -> {
                string(json, "key", e.key());
                string(json, "by", e.by());
            }
            case LOGOUT -> writeLogout(json, e);
            case CONNECT -> {
                // the common keys say it all
            }
        }
    }

    private void writeLogin(JsonGenerator json, AccessEvent e) throws IOException {
        string(json, "outcome", e.outcome() == null ? null : e.outcome().token());
        string(json, "user", e.user());
        string(json, "account", e.account());
        string(json, "email", e.email());
        string(json, "verdict", e.verdict() == null ? null : e.verdict().token());
        string(json, "reason", e.reason());
        number(json, "reply", e.reply());
        bool(json, "tls", e.tls());
    }

    private void writeTransfer(JsonGenerator json, AccessEvent e) throws IOException {
        string(json, "direction", e.direction() == null ? null : e.direction().token());
        string(json, "path", e.path());
        number(json, "bytes", e.bytes());
        number(json, "duration_ms", e.durationMs());
        string(json, "type", e.transferType());
        string(json, "status", e.status() == null ? null : e.status().token());
        string(json, "account", e.account());
        string(json, "email", e.email());
        bool(json, "tls", e.tls());
        string(json, "stored", e.stored());
        bool(json, "kept", e.kept());
    }

    private void writeLogout(JsonGenerator json, AccessEvent e) throws IOException {
        number(json, "duration_ms", e.durationMs());
        number(json, "bytes_in", e.bytesIn());
        number(json, "bytes_out", e.bytesOut());
        number(json, "files_in", e.filesIn());
        number(json, "files_out", e.filesOut());
        string(json, "account", e.account());
        string(json, "email", e.email());
        bool(json, "tls", e.tls());
    }

    private static void bool(JsonGenerator json, String key, Boolean value) throws IOException {
        if (value != null) {
            json.writeBooleanField(key, value);
        }
    }

    private void string(JsonGenerator json, String key, String value) throws IOException {
        if (value != null) {
            json.writeStringField(key, Sanitizer.clean(value, maxFieldLength));
        }
    }

    private static void number(JsonGenerator json, String key, Number value) throws IOException {
        if (value instanceof Long l) {
            json.writeNumberField(key, l);
        } else if (value != null) {
            json.writeNumberField(key, value.intValue());
        }
    }
}

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
    private static final int TIMESTAMP_LENGTH = 24; // 2026-11-24T00:39:11.123Z

    private final int maxFieldLength;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** One writer thread's reused buffers. */
    private static final class Scratch {
        final StringWriter line = new StringWriter(INITIAL_BUFFER);
        final char[] time = new char[TIMESTAMP_LENGTH + 8]; // room for the formatter's +10000 years
    }

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
        Scratch reused = scratch.get();
        StringWriter buffer = reused.line;
        buffer.getBuffer().setLength(0);
        try (JsonGenerator json = FACTORY.createGenerator(buffer)) {
            json.writeStartObject();
            json.writeNumberField("v", VERSION);
            json.writeFieldName("ts");
            json.writeString(reused.time, 0, timestamp(event.timestamp(), reused.time));
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

    /**
     * Writes {@link #timestamp(Instant)}'s text into {@code out} without allocating (every record has one) and
     * returns its length; years outside 0000..9999 fall back to the formatter.
     */
    static int timestamp(Instant instant, char[] out) {
        long seconds = instant.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil, inverted).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int dayOfEra = (int) (z - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int mp = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            String text = timestamp(instant);
            text.getChars(0, text.length(), out, 0);
            return text.length();
        }
        digits(out, 0, (int) year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        out[19] = '.';
        digits(out, 20, instant.getNano() / 1_000_000, 3);
        out[23] = 'Z';
        return TIMESTAMP_LENGTH;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
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

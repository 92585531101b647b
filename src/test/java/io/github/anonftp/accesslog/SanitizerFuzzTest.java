package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.github.anonftp.testing.JsonRecords;

/**
 * Fuzzes the two access-log formats with client text in every client-supplied field: one line, no control
 * character, valid JSON holding the text (escaped, never altered when short and clean), and xferlog columns that
 * never move. Regression inputs live in {@code src/test/resources/io/github/anonftp/accesslog/SanitizerFuzzTestInputs/}.
 */
class SanitizerFuzzTest {

    private static final int MAX = 64;
    private static final JsonLinesFormat JSON = new JsonLinesFormat(MAX);
    private static final XferlogFormat XFERLOG = new XferlogFormat(MAX, ZoneOffset.UTC);
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final int XFERLOG_COLUMNS = columns(XFERLOG.format(transfer("x", "x", "x")));

    private static AccessEvent.Builder event(EventType type) {
        return AccessEvent.of(type, Instant.parse("2026-12-04T10:00:00Z"), "s1", "192.0.2.7", 40000);
    }

    private static AccessEvent transfer(String user, String email, String path) {
        return event(EventType.TRANSFER).direction(Direction.DOWNLOAD).path(path).bytes(10L).durationMs(5L)
                .transferType("b").status(TransferStatus.COMPLETE).account("anonymous").user(user).email(email).build();
    }

    @FuzzTest(maxDuration = "2m")
    void jsonLinesStayOneValidLineAndKeepCleanText(FuzzedDataProvider data) throws IOException {
        String user = data.consumeString(200);
        String email = data.consumeString(200);
        String command = data.consumeString(200);
        String path = data.consumeRemainingAsString();
        String login = JSON.format(event(EventType.LOGIN).outcome(Outcome.REFUSED).user(user).email(email)
                .verdict(Verdict.REJECT).reason("no-at-sign").reply(530).build());
        String denied = JSON.format(event(EventType.DENIED).command(command).path(path).reply(550).build());
        for (String line : new String[] {login, denied}) {
            assertNoControlCharacter(line);
            assertValidJsonObject(line);
        }
        Map<String, Object> parsed = JsonRecords.parse(login);
        if (isClean(email)) {
            assertThat(parsed.get("email")).isEqualTo(email);
        }
        if (isClean(user)) {
            assertThat(parsed.get("user")).isEqualTo(user);
        }
        if (!command.isEmpty()) {
            assertThat(JsonRecords.parse(denied).get("command")).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "2m")
    void xferlogLinesKeepTheirColumns(FuzzedDataProvider data) {
        String user = data.consumeString(200);
        String email = data.consumeString(200);
        String path = data.consumeRemainingAsString();
        String line = XFERLOG.format(transfer(user, email, path));
        assertNoControlCharacter(line);
        assertThat(columns(line)).as(line).isEqualTo(XFERLOG_COLUMNS);
    }

    /** Short, no control, line separator or lone surrogate: what the format must pass through unchanged. */
    private static boolean isClean(String text) {
        if (text.isEmpty() || text.length() > MAX) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                return false;
            }
            if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))
                    || Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                return false;
            }
        }
        return true;
    }

    private static void assertNoControlCharacter(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            assertThat(Character.isISOControl(c) || c == '\u2028' || c == '\u2029')
                    .as("character U+%04X at %d of %s", (int) c, i, line).isFalse();
        }
    }

    private static void assertValidJsonObject(String line) throws IOException {
        try (JsonParser parser = FACTORY.createParser(line)) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            parser.skipChildren();
            assertThat(parser.nextToken()).as("nothing after the object: " + line).isNull();
        }
    }

    /** Columns as xferlog readers split them: on runs of spaces (the date pads the day with one). */
    private static int columns(String line) {
        return line.trim().split(" +").length;
    }
}

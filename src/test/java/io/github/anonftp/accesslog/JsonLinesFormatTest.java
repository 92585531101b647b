package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonLinesFormatTest {

    private static final String GRIN = "\uD83D\uDE00";
    private final JsonLinesFormat format = new JsonLinesFormat(256);

    @Test
    void aLoginRecordHasItsKeysInTheFixedOrder() {
        assertThat(format.format(Events.guestLogin("jane@example.org"))).isEqualTo("{\"v\":1,"
                + "\"ts\":\"2026-11-24T00:39:11.123Z\",\"event\":\"login\",\"session\":\"s-42\",\"ip\":\"192.0.2.7\","
                + "\"port\":50123,\"outcome\":\"ok\",\"user\":\"anonymous\",\"account\":\"anonymous\","
                + "\"email\":\"jane@example.org\",\"verdict\":\"accept\",\"reason\":\"ok\",\"reply\":230}");
    }

    @Test
    void aTransferRecordHasItsKeysInTheFixedOrder() {
        assertThat(format.format(Events.guestDownload("jane@example.org"))).isEqualTo("{\"v\":1,"
                + "\"ts\":\"2026-11-24T00:39:11.123Z\",\"event\":\"transfer\",\"session\":\"s-42\","
                + "\"ip\":\"192.0.2.7\",\"port\":50123,\"direction\":\"download\",\"path\":\"/pub/README\","
                + "\"bytes\":1234,\"duration_ms\":1500,\"type\":\"b\",\"status\":\"complete\","
                + "\"account\":\"anonymous\",\"email\":\"jane@example.org\"}");
    }

    @Test
    void whetherTheSessionWasEncryptedComesLastInLoginTransferAndLogoutRecords() {
        assertThat(format.format(Events.guestLogin("jane@example.org").toBuilder().tls(true).build()))
                .endsWith(",\"reply\":230,\"tls\":true}");
        assertThat(format.format(Events.guestDownload("jane@example.org").toBuilder().tls(false).build()))
                .endsWith(",\"email\":\"jane@example.org\",\"tls\":false}");
        assertThat(format.format(Events.of(EventType.LOGOUT).durationMs(5L).account("anonymous").tls(true).build()))
                .endsWith(",\"account\":\"anonymous\",\"tls\":true}");
    }

    @Test
    void refusedRecordsCarryReasonRetryAndDryRun() {
        AccessEvent refused = Events.of(EventType.REFUSED).reason("connection-rate").retryAfterSeconds(30L)
                .dryRun(false).build();
        assertThat(format.format(refused)).endsWith(
                "\"port\":50123,\"reason\":\"connection-rate\",\"retry_after_s\":30,\"dry_run\":false}");
    }

    @Test
    void deniedRecordsCarryCommandPathAndReply() {
        AccessEvent denied = Events.of(EventType.DENIED).command("RETR").path("/incoming/x").reply(550).build();
        assertThat(format.format(denied)).endsWith(
                "\"port\":50123,\"command\":\"RETR\",\"path\":\"/incoming/x\",\"reply\":550}");
    }

    @Test
    void banRecordsWriteUntilWithMilliseconds() {
        assertThat(format.format(Events.ban("2001:db8:1:2::/64"))).endsWith("\"port\":50123,"
                + "\"key\":\"2001:db8:1:2::/64\",\"until\":\"2026-11-24T01:39:11.123Z\",\"strike\":2,"
                + "\"reason\":\"too-many-failures\"}");
    }

    @Test
    void logoutRecordsCarryTheSessionTotals() {
        AccessEvent logout = Events.of(EventType.LOGOUT).durationMs(61000L).bytesIn(10L).bytesOut(20L).filesIn(1)
                .filesOut(2).account("anonymous").email("jane@example.org").build();
        assertThat(format.format(logout)).endsWith("\"port\":50123,\"duration_ms\":61000,\"bytes_in\":10,"
                + "\"bytes_out\":20,\"files_in\":1,\"files_out\":2,\"account\":\"anonymous\","
                + "\"email\":\"jane@example.org\"}");
    }

    @Test
    void connectRecordsHaveOnlyTheCommonKeys() {
        assertThat(format.format(Events.of(EventType.CONNECT).build())).isEqualTo("{\"v\":1,"
                + "\"ts\":\"2026-11-24T00:39:11.123Z\",\"event\":\"connect\",\"session\":\"s-42\","
                + "\"ip\":\"192.0.2.7\",\"port\":50123}");
    }

    @Test
    void nullFieldsAreLeftOutNotWrittenAsNull() {
        AccessEvent login = Events.of(EventType.LOGIN).outcome(Outcome.FAILED).user("joe").reply(530).build();
        assertThat(format.format(login)).endsWith("\"port\":50123,\"outcome\":\"failed\",\"user\":\"joe\","
                + "\"reply\":530}").doesNotContain("null");
    }

    @Test
    void fieldsOfOtherTypesAreNotWritten() {
        AccessEvent connect = Events.of(EventType.CONNECT).email("jane@example.org").reason("x").build();
        assertThat(JsonLine.parse(format.format(connect))).containsOnlyKeys("v", "ts", "event", "session", "ip",
                "port");
    }

    @Test
    void timestampsAlwaysHaveThreeDecimals() {
        AccessEvent whole = AccessEvent.of(EventType.CONNECT, Events.TS.minusMillis(123), "s", "::1", 1).build();
        assertThat(format.format(whole)).contains("\"ts\":\"2026-11-24T00:39:11.000Z\"");
    }

    static Stream<Arguments> hostilePasswords() {
        return Stream.of(
                Arguments.of("quotes", "\"}{\"a\":\"", "\"}{\"a\":\""),
                Arguments.of("backslashes", "a\\\"b\\", "a\\\"b\\"),
                Arguments.of("key injection", "x\",\"ip\":\"203.0.113.9", "x\",\"ip\":\"203.0.113.9"),
                Arguments.of("CR and LF", "a\r\n{\"event\":\"login\"}", "a\r\n{\"event\":\"login\"}"),
                Arguments.of("NUL", "a\u0000b", "a\u0000b"),
                Arguments.of("ANSI escape", "\u001b[31mred\u001b[0m", "\u001b[31mred\u001b[0m"),
                Arguments.of("DEL", "a\u007fb", "a\u007fb"),
                Arguments.of("NEL", "a\u0085b", "a\u0085b"),
                Arguments.of("C1 CSI", "a\u009b31mb", "a\u009b31mb"),
                Arguments.of("line separators", "a\u2028b\u2029c", "a\u2028b\u2029c"),
                Arguments.of("lone surrogate", "a\uD800b\uDC00", "a\uFFFDb\uFFFD"),
                Arguments.of("emoji", GRIN + "@example.org", GRIN + "@example.org"),
                Arguments.of("300 chars", "x".repeat(300), "x".repeat(256) + "\u2026[+44]"),
                Arguments.of("emoji pair at the cut", "x".repeat(255) + GRIN + "yz",
                        "x".repeat(255) + "\u2026[+4]"),
                Arguments.of("emoji pair before the cut", "x".repeat(254) + GRIN + "yz",
                        "x".repeat(254) + GRIN + "\u2026[+2]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePasswords")
    void hostilePasswordsGiveOneValidLineWithTheCleanedAddress(String name, String password, String expected) {
        Map<String, Object> fields = JsonLine.parse(format.format(Events.guestLogin(password)));
        assertThat(fields).containsOnlyKeys("v", "ts", "event", "session", "ip", "port", "outcome", "user",
                "account", "email", "verdict", "reason", "reply");
        assertThat(fields.get("email")).isEqualTo(expected);
        assertThat(fields.get("ip")).isEqualTo("192.0.2.7");
    }

    @Test
    void controlsAndLineSeparatorsAreWrittenAsEscapes() {
        String line = format.format(Events.guestLogin("\r\n\t\u0000\u001b\u007f\u0085\u009f\u2028\u2029"));
        assertThat(line).contains("\"email\":\"\\r\\n\\t\\u0000\\u001B\\u007F\\u0085\\u009F\\u2028\\u2029\"");
    }

    @Test
    void otherNonAsciiTextIsWrittenAsIs() {
        assertThat(format.format(Events.guestLogin("j\u00f6rg@b\u00fccher.example")))
                .contains("\"email\":\"j\u00f6rg@b\u00fccher.example\"");
    }

    @Test
    void everyClientStringIsCapped() {
        String longText = "p".repeat(40);
        AccessEvent denied = Events.of(EventType.DENIED).command(longText).path(longText).build();
        Map<String, Object> fields = JsonLine.parse(new JsonLinesFormat(16).format(denied));
        assertThat(fields.get("command")).isEqualTo("p".repeat(16) + "\u2026[+24]");
        assertThat(fields.get("path")).isEqualTo("p".repeat(16) + "\u2026[+24]");
    }

    @Test
    void noRandomInputBreaksTheLine() {
        char[] alphabet = "\"\\{}:,\r\n\t\u0000\u001b\u007f\u0085\u009b\u00a0\u2028\u2029\uD83D\uDE00\uD800\uDFFFa"
                .toCharArray();
        Random random = new Random(1635);
        for (int i = 0; i < 2000; i++) {
            StringBuilder password = new StringBuilder();
            for (int n = random.nextInt(300); n > 0; n--) {
                password.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String raw = password.toString();
            Map<String, Object> fields = JsonLine.parse(format.format(Events.guestLogin(raw)));
            assertThat(fields.get("email")).as("password %s", i).isEqualTo(Sanitizer.clean(raw, 256));
            assertThat(fields).hasSize(13);
        }
    }

    @Test
    void oneFormatServesManyThreads() throws Exception {
        Thread[] threads = new Thread[4];
        String[] lines = new String[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int index = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    lines[index] = format.format(Events.guestLogin("user" + index + "@example.org"));
                }
            });
            threads[t].start();
        }
        for (int t = 0; t < threads.length; t++) {
            threads[t].join();
            assertThat(JsonLine.parse(lines[t]).get("email")).isEqualTo("user" + t + "@example.org");
        }
    }

    @Test
    void aFieldLengthBelowOneIsRefused() {
        assertThatThrownBy(() -> new JsonLinesFormat(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFieldLength is 0; expected at least 1");
    }
}

package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The typed fields of an event: each enum is written as its lower-case token and reads back as itself. */
class AccessEventTest {

    private final JsonLinesFormat json = new JsonLinesFormat(256);
    private final XferlogFormat xferlog = new XferlogFormat(256, ZoneOffset.UTC);

    @ParameterizedTest
    @EnumSource(Direction.class)
    void everyDirectionIsWrittenAsItsTokenAndReadsBackAsItself(Direction direction) {
        AccessEvent transfer = Events.of(EventType.TRANSFER).direction(direction).build();
        Object written = JsonLine.parse(json.format(transfer)).get("direction");
        assertThat(written).isEqualTo(direction.token());
        assertThat(Direction.valueOf(((String) written).toUpperCase(Locale.ROOT))).isSameAs(direction);
    }

    @ParameterizedTest
    @EnumSource(TransferStatus.class)
    void everyTransferStatusIsWrittenAsItsTokenAndReadsBackAsItself(TransferStatus status) {
        AccessEvent transfer = Events.of(EventType.TRANSFER).status(status).build();
        Object written = JsonLine.parse(json.format(transfer)).get("status");
        assertThat(written).isEqualTo(status.token());
        assertThat(TransferStatus.valueOf(((String) written).toUpperCase(Locale.ROOT))).isSameAs(status);
    }

    @ParameterizedTest
    @EnumSource(Verdict.class)
    void everyVerdictIsWrittenAsItsTokenAndReadsBackAsItself(Verdict verdict) {
        AccessEvent login = Events.of(EventType.LOGIN).verdict(verdict).build();
        Object written = JsonLine.parse(json.format(login)).get("verdict");
        assertThat(written).isEqualTo(verdict.token());
        assertThat(Verdict.valueOf(((String) written).toUpperCase(Locale.ROOT))).isSameAs(verdict);
    }

    @Test
    void theTokensAreTheDocumentedOnes() {
        assertThat(Direction.values()).extracting(Direction::token).containsExactly("download", "upload");
        assertThat(TransferStatus.values()).extracting(TransferStatus::token)
                .containsExactly("complete", "incomplete", "failed");
        assertThat(Verdict.values()).extracting(Verdict::token).containsExactly("accept", "placeholder", "reject");
    }

    @Test
    void xferlogMapsDirectionAndStatusToItsOneLetterColumns() {
        AccessEvent upload = Events.of(EventType.TRANSFER).direction(Direction.UPLOAD).path("/incoming/a")
                .status(TransferStatus.FAILED).account("joe").build();
        String[] columns = xferlog.format(upload).split(" ");
        assertThat(columns[11]).as("direction").isEqualTo("i");
        assertThat(columns[17]).as("completion-status").isEqualTo("i");
        String[] download = xferlog.format(Events.guestDownload("jane@example.org")).split(" ");
        assertThat(download[11]).isEqualTo("o");
        assertThat(download[17]).isEqualTo("c");
    }

    @Test
    void aLoginsReasonIsTheOneAccessorForTheJsonReasonKey() {
        AccessEvent login = Events.of(EventType.LOGIN).outcome(Outcome.REFUSED).verdict(Verdict.REJECT)
                .reason("no-at-sign").reply(530).build();
        assertThat(login.reason()).isEqualTo("no-at-sign");
        assertThat(JsonLine.parse(json.format(login))).containsEntry("reason", "no-at-sign");
    }

    @Test
    void toStringListsEverySetFieldByItsAccessorName() {
        assertThat(Events.guestLogin("jane@example.org")).hasToString("AccessEvent[LOGIN"
                + " timestamp=2026-11-24T00:39:11.123Z session=\"s-42\" ip=\"192.0.2.7\" port=50123 outcome=OK"
                + " user=\"anonymous\" account=\"anonymous\" email=\"jane@example.org\" verdict=ACCEPT reason=\"ok\""
                + " reply=230]");
        assertThat(Events.guestDownload("jane@example.org").toString()).contains(" direction=DOWNLOAD",
                " path=\"/pub/README\"", " bytes=1234", " durationMs=1500", " transferType=\"b\"", " status=COMPLETE");
        assertThat(Events.ban("192.0.2.7").toString()).contains(" key=\"192.0.2.7\"",
                " until=2026-11-24T01:39:11.123Z", " strike=2");
    }

    @Test
    void toStringKeepsClientTextOnOneBoundedLine() {
        AccessEvent login = Events.of(EventType.LOGIN).user("a\r\nb\"\u0085\u2028").email("x".repeat(10_000)).build();
        String text = login.toString();
        assertThat(text).doesNotContain("\r", "\n", "\u0085", "\u2028")
                .contains("user=\"a\\r\\nb\\\"\\u0085\\u2028\"")
                .contains("\u2026[+9744]");
        assertThat(text.length()).isLessThan(400);
    }

    /** Accessors that are not record fields, or are always shown (the common ones). */
    private static final Set<String> NOT_FIELDS = Set.of("toBuilder", "toString", "hashCode", "isGuest", "type",
            "timestamp", "session", "ip", "port");

    @Test
    void toStringShowsEveryFieldABuilderCanSet() throws Exception {
        List<Method> accessors = Arrays.stream(AccessEvent.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getParameterCount() == 0 && !NOT_FIELDS.contains(m.getName())).toList();
        assertThat(accessors).hasSizeGreaterThan(20);
        for (Method accessor : accessors) {
            Method setter = AccessEvent.Builder.class.getMethod(accessor.getName(), accessor.getReturnType());
            AccessEvent.Builder builder = Events.of(EventType.LOGIN);
            setter.invoke(builder, sample(accessor.getReturnType()));
            assertThat(builder.build().toString()).as(accessor.getName()).contains(" " + accessor.getName() + "=");
        }
    }

    private static Object sample(Class<?> type) {
        if (type.isEnum()) {
            return type.getEnumConstants()[0];
        }
        if (type == String.class) {
            return "x";
        }
        if (type == Long.class) {
            return 1L;
        }
        if (type == Integer.class) {
            return 1;
        }
        if (type == Boolean.class) {
            return Boolean.TRUE;
        }
        if (type == Instant.class) {
            return Events.TS;
        }
        throw new AssertionError("no sample value for " + type + ": add one");
    }
}

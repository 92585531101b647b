package io.github.anonftp.accesslog;

import static io.github.anonftp.accesslog.QueueEvents.NO_PRIVACY;
import static io.github.anonftp.accesslog.QueueEvents.SESSION_FORMAT;
import static io.github.anonftp.accesslog.QueueEvents.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the dispatcher writes, in which order, and how it survives failing parts. */
@Timeout(10)
class AccessLogTest {

    private final RecordingLogger warnings = new RecordingLogger();

    private AccessLog log(AccessLogFormat format, AccessLogWriter writer) {
        return new AccessLog(format, NO_PRIVACY, writer, 100_000, warnings.logger(), System::nanoTime);
    }

    @Test
    void writesRecordsInTheOrderTheyWereRecorded() {
        InMemoryAccessLogWriter writer = new InMemoryAccessLogWriter();
        try (AccessLog log = log(SESSION_FORMAT, writer)) {
            for (int n = 0; n < 5_000; n++) {
                log.record(transfer(n));
            }
        }

        assertThat(writer.lines()).containsExactlyElementsOf(QueueEvents.lines(0, 5_000));
        assertThat(writer.isClosed()).isTrue();
    }

    @Test
    void eventsTheFormatDoesNotRecordAreNeitherWrittenNorFailed() {
        InMemoryAccessLogWriter writer = new InMemoryAccessLogWriter();
        AccessLog log = log(SESSION_FORMAT, writer);
        log.record(QueueEvents.connect(1));
        log.record(transfer(2));
        log.close();

        assertThat(writer.lines()).containsExactly("s2");
        assertThat(log.stats()).isEqualTo(new AccessLogStats(2, 1, 0, 0));
    }

    @Test
    void aFailingWriteCostsOnlyItsRecord() throws InterruptedException {
        CallRecordingWriter writer = new CallRecordingWriter();
        AccessLog log = log(event -> event.session(), writer);
        log.record(transfer(1));
        log.record(AccessEvent.of(EventType.LOGIN, transfer(0).timestamp(), "bad", "192.0.2.7", 21).build());
        log.record(transfer(2));
        log.close();

        assertThat(writer.calls()).filteredOn(call -> call.startsWith("write")).containsExactly("write s1", "write s2");
        assertThat(log.stats()).isEqualTo(new AccessLogStats(3, 2, 0, 1));
        assertThat(warnings.messages()).singleElement().asString().startsWith(
                "WARN Access log failing: 1 records not written and 0 other writer calls failed in the last minute;"
                        + " last error: java.io.IOException: disk on fire");
    }

    @Test
    void aFailingFormatOrPrivacyCostsOnlyItsRecord() {
        InMemoryAccessLogWriter writer = new InMemoryAccessLogWriter();
        AccessLogFormat format = event -> {
            if (event.session().equals("s2")) {
                throw new IllegalStateException("cannot format");
            }
            return event.session();
        };
        AccessLog log = new AccessLog(format, event -> {
            if (event.session().equals("s4")) {
                throw new IllegalArgumentException("cannot hide");
            }
            return event;
        }, writer, 100, warnings.logger(), System::nanoTime);
        for (int n = 1; n <= 5; n++) {
            log.record(transfer(n));
        }
        log.close();

        assertThat(writer.lines()).containsExactly("s1", "s3", "s5");
        assertThat(log.stats()).isEqualTo(new AccessLogStats(5, 3, 0, 2));
    }

    @Test
    void listenersAndTheFormatSeeTheEventAfterPrivacy() {
        InMemoryAccessLogWriter writer = new InMemoryAccessLogWriter();
        List<String> seen = new CopyOnWriteArrayList<>();
        AccessLog log = new AccessLog(event -> event.ip(), event -> event.toBuilder().ip("192.0.2.0").build(),
                writer, 100, warnings.logger(), System::nanoTime);
        log.addListener(event -> seen.add(event.session() + " " + event.ip()));
        log.addListener(event -> {
            throw new IllegalStateException("a broken listener");
        });
        log.record(transfer(1));
        log.record(QueueEvents.connect(2));
        log.close();

        assertThat(seen).containsExactly("s1 192.0.2.0", "c2 192.0.2.0");
        assertThat(writer.lines()).containsExactly("192.0.2.0", "192.0.2.0");
        assertThat(log.stats().failed()).isZero();
    }

    @Test
    void flushesWhenTheQueueRunsEmpty() throws InterruptedException {
        CallRecordingWriter writer = new CallRecordingWriter();
        try (AccessLog log = log(SESSION_FORMAT, writer)) {
            log.record(transfer(1));
            long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            while (writer.count("flush") == 0 && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }

            assertThat(writer.calls()).containsSubsequence("write s1", "flush");
        }
    }

    @Test
    void maintainsAboutOnceASecondWhenIdle() throws InterruptedException {
        CallRecordingWriter writer = new CallRecordingWriter();
        long start = System.nanoTime();
        try (AccessLog log = log(SESSION_FORMAT, writer)) {
            while (writer.count("maintain") < 2 && System.nanoTime() - start < Duration.ofSeconds(4).toNanos()) {
                Thread.sleep(5);
            }
        }

        assertThat(writer.count("maintain")).isGreaterThanOrEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500),
                Duration.ofMillis(3500));
    }

    @Test
    void recordNeverThrows() {
        AccessLog log = log(SESSION_FORMAT, new InMemoryAccessLogWriter());
        assertThatCode(() -> log.record(null)).doesNotThrowAnyException();
        log.close();
        assertThatCode(() -> log.record(transfer(1))).doesNotThrowAnyException();
    }

    @Test
    void theDisabledLogHasNoThreadAndRecordsNothing() {
        long before = QueueEvents.accessLogThreads();
        AccessLog log = AccessLog.disabled();
        log.record(transfer(1));
        log.addListener(event -> {
            throw new AssertionError("not called");
        });

        assertThat(QueueEvents.accessLogThreads()).isEqualTo(before);
        assertThat(log.stats()).isEqualTo(new AccessLogStats(0, 0, 0, 0));
        assertThatCode(log::close).doesNotThrowAnyException();
    }
}

package io.github.anonftp.accesslog;

import static io.github.anonftp.accesslog.QueueEvents.NO_PRIVACY;
import static io.github.anonftp.accesslog.QueueEvents.SESSION_FORMAT;
import static io.github.anonftp.accesslog.QueueEvents.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A full queue drops records, counts them exactly and warns, and recording never waits for the writer. */
@Timeout(10)
class AccessLogQueueTest {

    private static final int CAPACITY = 16;

    private final RecordingLogger warnings = new RecordingLogger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CallRecordingWriter blocked = new CallRecordingWriter(release);
    private AccessLog log;

    @BeforeEach
    void start() {
        log = new AccessLog(SESSION_FORMAT, NO_PRIVACY, blocked, CAPACITY, warnings.logger(), System::nanoTime);
    }

    @AfterEach
    void stop() {
        release.countDown();
        log.close();
    }

    @Test
    void recordReturnsAtOnceWhileTheWriterIsBlockedAndCountsEveryDrop() throws InterruptedException {
        List<AccessEvent> events = IntStream.rangeClosed(1, CAPACITY + 100).mapToObj(QueueEvents::transfer).toList();
        log.record(transfer(0));
        assertThat(blocked.firstWriteEntered.await(5, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        events.forEach(log::record);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        // Generous: a GC pause must not fail the test; a record() that waited for the writer would never return.
        assertThat(took).isLessThan(Duration.ofMillis(500));
        assertThat(blocked.calls()).isEmpty();
        assertThat(log.stats()).isEqualTo(new AccessLogStats(1 + CAPACITY, 0, 100, 0));
        release.countDown();
        log.close();
        assertThat(log.stats()).isEqualTo(new AccessLogStats(1 + CAPACITY, 1 + CAPACITY, 100, 0));
        assertThat(blocked.calls()).filteredOn(call -> call.startsWith("write"))
                .containsExactlyElementsOf(QueueEvents.lines(0, 1 + CAPACITY).stream().map(l -> "write " + l).toList());
    }

    @Test
    void warnsAboutDropsWhileRunning() throws InterruptedException {
        log.record(transfer(0));
        assertThat(blocked.firstWriteEntered.await(5, TimeUnit.SECONDS)).isTrue();
        for (int n = 1; n <= CAPACITY + 7; n++) {
            log.record(transfer(n));
        }
        release.countDown();

        assertThat(warnings.await("WARN Access log queue full", 3_000)).isTrue();
        assertThat(warnings.messages())
                .containsExactly("WARN Access log queue full: 7 records dropped in the last minute");
    }

    @Test
    void everyDropIsWarnedAboutByTheTimeTheLogIsClosed() throws InterruptedException {
        log.record(transfer(0));
        assertThat(blocked.firstWriteEntered.await(5, TimeUnit.SECONDS)).isTrue();
        for (int n = 1; n <= CAPACITY + 3; n++) {
            log.record(transfer(n));
        }
        release.countDown();
        log.close();

        assertThat(warnings.messages())
                .containsExactly("WARN Access log queue full: 3 records dropped in the last minute");
    }
}

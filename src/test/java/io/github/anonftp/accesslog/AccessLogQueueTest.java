package io.github.anonftp.accesslog;

import static io.github.anonftp.accesslog.Events.NO_PRIVACY;
import static io.github.anonftp.accesslog.Events.SESSION_FORMAT;
import static io.github.anonftp.accesslog.Events.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A full queue drops records, counts them exactly and warns, and recording never waits for the writer. */
@Timeout(10)
class AccessLogQueueTest {

    private static final int CAPACITY = 16;

    private final RecordingLogger warnings = new RecordingLogger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CallRecordingWriter blocked = new CallRecordingWriter(release);

    @Test
    void recordReturnsAtOnceWhileTheWriterIsBlockedAndCountsEveryDrop() throws InterruptedException {
        AccessLog log = new AccessLog(SESSION_FORMAT, NO_PRIVACY, blocked, CAPACITY, warnings.logger(),
                System::nanoTime);
        log.record(transfer(0));
        assertThat(blocked.firstWriteEntered.await(5, TimeUnit.SECONDS)).isTrue();

        long slowest = 0;
        for (int n = 1; n <= CAPACITY + 100; n++) {
            long start = System.nanoTime();
            log.record(transfer(n));
            slowest = Math.max(slowest, System.nanoTime() - start);
        }

        assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofMillis(50));
        assertThat(log.stats()).isEqualTo(new AccessLogStats(1 + CAPACITY, 0, 100, 0));
        release.countDown();
        log.close();
        assertThat(log.stats()).isEqualTo(new AccessLogStats(1 + CAPACITY, 1 + CAPACITY, 100, 0));
        assertThat(blocked.calls()).filteredOn(call -> call.startsWith("write"))
                .containsExactlyElementsOf(Events.lines(0, 1 + CAPACITY).stream().map(l -> "write " + l).toList());
    }

    @Test
    void warnsAboutDropsWhileRunning() throws InterruptedException {
        try (AccessLog log = new AccessLog(SESSION_FORMAT, NO_PRIVACY, blocked, CAPACITY, warnings.logger(),
                System::nanoTime)) {
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
    }

    @Test
    void everyDropIsWarnedAboutByTheTimeTheLogIsClosed() throws InterruptedException {
        AccessLog log = new AccessLog(SESSION_FORMAT, NO_PRIVACY, blocked, CAPACITY, warnings.logger(),
                System::nanoTime);
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

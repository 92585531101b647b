package io.github.anonftp.accesslog;

import static io.github.anonftp.accesslog.QueueEvents.NO_PRIVACY;
import static io.github.anonftp.accesslog.QueueEvents.SESSION_FORMAT;
import static io.github.anonftp.accesslog.QueueEvents.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A clean stop writes everything recorded before it, closes the writer and ends the thread. */
@Timeout(20)
class AccessLogCloseTest {

    @TempDir
    Path dir;

    @Test
    void closeWritesEveryRecordRecordedJustBefore() throws IOException {
        Path file = dir.resolve("access.log");
        AccessLog log = new AccessLog(SESSION_FORMAT, NO_PRIVACY, new FileAccessLogWriter(file), 10_000);
        for (int n = 0; n < 10_000; n++) {
            log.record(transfer(n));
        }
        log.close();

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactlyElementsOf(QueueEvents.lines(0, 10_000));
        assertThat(log.stats()).isEqualTo(new AccessLogStats(10_000, 10_000, 0, 0));
    }

    @Test
    void closeRightAfterRecordingLosesNothingHoweverTheThreadsInterleave() throws IOException {
        for (int round = 0; round < 200; round++) {
            Path file = dir.resolve("round-" + round + ".log");
            AccessLog log = new AccessLog(SESSION_FORMAT, NO_PRIVACY, new FileAccessLogWriter(file), 1_000);
            int records = 1 + round % 100;
            for (int n = 0; n < records; n++) {
                log.record(transfer(n));
            }
            log.close();

            assertThat(Files.readAllLines(file)).as("round %d", round)
                    .containsExactlyElementsOf(QueueEvents.lines(0, records));
        }
    }

    @Test
    void closeWritesEveryRecordOfManyThreads() throws InterruptedException {
        InMemoryAccessLogWriter writer = new InMemoryAccessLogWriter(20_000);
        AccessLog log = new AccessLog(SESSION_FORMAT, NO_PRIVACY, writer, 10_000);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int first = t * 2_500;
            Thread thread = new Thread(() -> {
                awaitQuietly(start);
                for (int n = first; n < first + 2_500; n++) {
                    log.record(transfer(n));
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        log.close();

        assertThat(writer.lines()).hasSize(10_000).containsExactlyInAnyOrderElementsOf(QueueEvents.lines(0, 10_000));
        assertThat(log.stats()).isEqualTo(new AccessLogStats(10_000, 10_000, 0, 0));
    }

    @Test
    void noWriterThreadIsLeftAfterClose() {
        AccessLog log = new AccessLog(SESSION_FORMAT, NO_PRIVACY, new InMemoryAccessLogWriter(), 16);
        log.record(transfer(1));
        log.close();

        // Every log the tests create is closed, so no thread of this name should be alive at all.
        assertThat(QueueEvents.accessLogThreads()).isZero();
    }

    @Test
    void recordsAfterCloseAreDroppedAndCountedWithoutWarning() {
        RecordingLogger warnings = new RecordingLogger();
        InMemoryAccessLogWriter writer = new InMemoryAccessLogWriter();
        AccessLog log = new AccessLog(SESSION_FORMAT, NO_PRIVACY, writer, 16, warnings.logger(), System::nanoTime);
        log.record(transfer(1));
        log.close();
        log.record(transfer(2));
        log.record(transfer(3));

        assertThat(writer.lines()).containsExactly("s1");
        assertThat(log.stats()).isEqualTo(new AccessLogStats(1, 1, 2, 0));
        assertThat(warnings.messages()).isEmpty();
    }

    @Test
    void closeIsIdempotentAndClosesTheWriterOnce() {
        CallRecordingWriter writer = new CallRecordingWriter();
        AccessLog log = new AccessLog(SESSION_FORMAT, NO_PRIVACY, writer, 16);
        log.record(transfer(1));
        log.close();
        log.close();

        assertThat(writer.count("close")).isOne();
        assertThat(writer.calls()).endsWith("write s1", "flush", "close");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

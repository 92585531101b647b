package io.github.anonftp.accesslog;

import static io.github.anonftp.accesslog.QueueEvents.NO_PRIVACY;
import static io.github.anonftp.accesslog.QueueEvents.SESSION_FORMAT;
import static io.github.anonftp.accesslog.QueueEvents.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The dispatcher and the file writer together: latency, and rotation while the log runs. */
@Timeout(15)
class AccessLogFileTest {

    @TempDir
    Path dir;

    private Path file;
    private AccessLog log;
    private final AtomicInteger maintained = new AtomicInteger();

    @BeforeEach
    void start() {
        file = dir.resolve("access.log");
        FileAccessLogWriter writer = new FileAccessLogWriter(file);
        log = new AccessLog(SESSION_FORMAT, NO_PRIVACY, new AccessLogWriter() {
            @Override
            public void write(String line) throws IOException {
                writer.write(line);
            }

            @Override
            public void flush() throws IOException {
                writer.flush();
            }

            @Override
            public void maintain() throws IOException {
                writer.maintain();
                maintained.incrementAndGet();
            }

            @Override
            public void close() throws IOException {
                writer.close();
            }
        }, 1024);
    }

    @AfterEach
    void stop() {
        log.close();
    }

    /** Polls until {@code condition} holds for the file's lines; the time it took. */
    private static Duration await(Path path, Predicate<List<String>> condition, Duration timeout)
            throws InterruptedException {
        long start = System.nanoTime();
        while (!condition.test(lines(path)) && System.nanoTime() - start < timeout.toNanos()) {
            Thread.sleep(5);
        }
        assertThat(condition.test(lines(path))).as("file %s: %s", path, lines(path)).isTrue();
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static List<String> lines(Path path) {
        try {
            return Files.exists(path) ? Files.readAllLines(path, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aRecordReachesTheFileWithinASecond() throws InterruptedException {
        log.record(transfer(1));

        assertThat(await(file, lines -> lines.equals(List.of("s1")), Duration.ofSeconds(2)))
                .isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void afterARenameNewRecordsGoToANewFileAtThePath() throws IOException, InterruptedException {
        Path rotated = dir.resolve("access.log.1");
        log.record(transfer(1));
        log.record(transfer(2));
        await(file, lines -> lines.size() == 2, Duration.ofSeconds(2));

        Files.move(file, rotated);
        await(file, lines -> Files.exists(file), Duration.ofSeconds(3));
        log.record(transfer(3));
        await(file, lines -> lines.equals(List.of("s3")), Duration.ofSeconds(2));

        assertThat(lines(rotated)).containsExactly("s1", "s2");
    }

    @Test
    void afterATruncationNewRecordsStartTheFile() throws IOException, InterruptedException {
        log.record(transfer(1));
        log.record(transfer(2));
        await(file, lines -> lines.size() == 2, Duration.ofSeconds(2));

        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }
        log.record(transfer(3));
        await(file, lines -> lines.equals(List.of("s3")), Duration.ofSeconds(2));
        // Past a maintain(), which sees the file shorter than written and reopens it.
        int before = maintained.get();
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (maintained.get() == before && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(maintained.get()).isGreaterThan(before);
        log.record(transfer(4));
        await(file, lines -> lines.equals(List.of("s3", "s4")), Duration.ofSeconds(2));

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo("s3\ns4\n");
        assertThat(log.stats().failed()).isZero();
    }
}

package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.ratelimit.Rate;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/**
 * The access-log destination failing under a real server: every write failing ({@code /dev/full}), a directory
 * that cannot take the new file after a rotation, a directory removed, a pipe nobody reads. The server goes on
 * serving logins, the losses are counted and warned about, and records flow again once the destination works.
 */
@Timeout(60)
class AccessLogFaultsTest {

    @TempDir
    Path root;
    @TempDir
    Path logs;
    final RecordingLogger warnings = new RecordingLogger();
    AnonFtpServer server;
    AccessLog log;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private int start(Path destination, int queueCapacity) throws Exception {
        log = new AccessLog(new JsonLinesFormat(256), event -> event, new FileAccessLogWriter(destination),
                queueCapacity, warnings.logger(), System::nanoTime);
        server = AnonFtpServer.builder().anonymous(TestArchive.guests(root).build())
                .rateLimit(RateLimitConfig.builder().commandRate(Rate.OFF).build())
                .accessLog(log).build().start();
        return server.port();
    }

    /** {@code count} guest logins on one connection (REIN between them), each with {@code tag} in its address. */
    private static void logins(int port, int count, String tag) throws IOException {
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
            assertThat(ftp.reply()).startsWith("220 ");
            for (int i = 0; i < count; i++) {
                assertThat(ftp.command("USER anonymous")).startsWith("331 ");
                assertThat(ftp.command("PASS " + tag + i + "@example.org")).as("login %d", i).startsWith("230 ");
                assertThat(ftp.command("REIN")).startsWith("220 ");
            }
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s for " + what).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void aFullDiskCostsRecordsNotLoginsAndRecordsFlowAgainAfterRotationToAGoodFile() throws Exception {
        Path destination = logs.resolve("access.jsonl");
        Files.createSymbolicLink(destination, Path.of("/dev/full")); // every write fails with ENOSPC
        int port = start(destination, 8192);
        logins(port, 300, "full");
        await("every record written or failed", () -> log.stats().failed() > 0
                && log.stats().written() + log.stats().failed() == log.stats().recorded());
        assertThat(warnings.await("WARN Access log failing", 5000)).isTrue();
        long failed = log.stats().failed();

        Files.delete(destination); // "rotation": the path now names a good file
        Files.createFile(destination);
        await("the writer to reopen the path", () -> read(destination).contains("full0@example.org"));
        long failedBefore = log.stats().failed();
        assertThat(failedBefore).isGreaterThanOrEqualTo(failed);
        logins(port, 1, "recovered");
        await("a new record in the good file", () -> read(destination).contains("recovered0@example.org"));
        assertThat(log.stats().failed()).as("none lost after the rotation").isEqualTo(failedBefore);
        assertThat(warnings.messages().stream().filter(m -> m.startsWith("WARN Access log failing")))
                .as("warned once, not per record").hasSize(1);
    }

    @Test
    void aDirectoryThatCannotTakeTheRotatedFileCostsNothingUntilItCanAgain() throws Exception {
        Path dir = Files.createDirectories(logs.resolve("var"));
        Path destination = dir.resolve("access.jsonl");
        int port = start(destination, 8192);
        logins(port, 1, "before");
        await("the first record", () -> read(destination).contains("before0@"));
        Files.move(destination, logs.resolve("access.jsonl.1")); // logrotate moved it away ...
        makeUnwritable(dir); // ... and the server cannot create the new one
        try {
            assertThat(warnings.await("WARN Access log failing", 5000)).as("the reopen failed").isTrue();
            logins(port, 5, "during");
            assertThat(destination).doesNotExist();
        } finally {
            makeWritable(dir);
        }
        await("the records kept in the buffer", () -> read(destination).contains("during4@"));
        logins(port, 1, "after");
        await("a new record", () -> read(destination).contains("after0@"));
        assertThat(read(logs.resolve("access.jsonl.1"))).contains("before0@").doesNotContain("during");
        assertThat(log.stats().failed()).isZero();
    }

    @Test
    void aRemovedDirectoryCostsNothingOnceItIsBack() throws Exception {
        Path dir = Files.createDirectories(logs.resolve("var"));
        Path destination = dir.resolve("access.jsonl");
        int port = start(destination, 8192);
        logins(port, 1, "before");
        await("the first record", () -> read(destination).contains("before0@"));
        Files.delete(destination);
        Files.delete(dir);
        assertThat(warnings.await("WARN Access log failing", 5000)).as("the reopen failed").isTrue();
        logins(port, 5, "during");
        Files.createDirectories(dir);
        await("the records kept in the buffer", () -> read(destination).contains("during4@"));
        assertThat(read(destination)).doesNotContain("before0@");
        assertThat(log.stats().failed()).isZero();
    }

    @Test
    void aPipeNobodyReadsBlocksNoFtpThreadAndItsDropsAreWarnedAbout() throws Exception {
        Path fifo = logs.resolve("access.pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        InputStream[] reader = new InputStream[1];
        Thread opener = new Thread(() -> {
            try {
                reader[0] = new FileInputStream(fifo.toFile()); // opens once the writer does, then never reads
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        opener.start();
        int port = start(fifo, 16); // returns at once: the writer thread opens the FIFO, not the caller
        logins(port, 1000, "piped"); // far more than the pipe (64 KiB), the writer's buffer and the queue hold
        assertThat(log.stats().dropped()).isPositive();
        assertThat(warnings.await("WARN Access log queue full", 5000))
                .as("warned by the monitor although the writer thread is stuck in a write").isTrue();
        opener.join(5000);
        Thread drain = new Thread(() -> {
            try {
                reader[0].transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                // closed at the end
            }
        });
        drain.setDaemon(true);
        drain.start(); // lets the writer finish, so that the server stops without waiting for it
    }

    @Test
    void aFifoWithNoReaderYetDoesNotHoldTheServersStart() throws Exception {
        Path fifo = logs.resolve("access.pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        int port = start(fifo, 16);
        logins(port, 3, "early");
        try (InputStream reader = new FileInputStream(fifo.toFile())) {
            byte[] line = new byte[4096];
            int read = reader.read(line);
            assertThat(new String(line, 0, read, StandardCharsets.UTF_8)).contains("\"event\":\"login\"");
        }
    }

    /** Permission bits, and for root (whom they do not stop) the immutable attribute as well. */
    private static void makeUnwritable(Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (canCreateIn(dir)) {
            Process chattr = new ProcessBuilder("chattr", "+i", dir.toString()).redirectErrorStream(true).start();
            String output = new String(chattr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(chattr.waitFor()).as("chattr +i (root ignores permission bits): " + output).isZero();
        }
        assertThat(canCreateIn(dir)).as("the directory refuses new files").isFalse();
    }

    private static void makeWritable(Path dir) throws Exception {
        new ProcessBuilder("chattr", "-i", dir.toString()).start().waitFor(); // fails harmlessly where unset
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static boolean canCreateIn(Path dir) {
        try {
            Files.delete(Files.createFile(dir.resolve("probe")));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

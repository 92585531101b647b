package io.github.anonftp.accesslog;

import static io.github.anonftp.accesslog.QueueEvents.NO_PRIVACY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Several access logs at once (vsftpd {@code dual_log_enable}): one queue and thread, a writer each. */
@Timeout(20)
class SeveralDestinationsTest {

    @TempDir
    Path dir;

    /** A format that counts its calls. */
    private static final class CountingFormat implements AccessLogFormat {
        final AtomicInteger calls = new AtomicInteger();
        private final String prefix;

        CountingFormat(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public String format(AccessEvent event) {
            calls.incrementAndGet();
            return prefix + event.session();
        }
    }

    @Test
    void anEventIsFormattedOncePerFormatNotOncePerDestination() {
        CountingFormat json = new CountingFormat("j:");
        CountingFormat xfer = new CountingFormat("x:");
        InMemoryAccessLogWriter a = new InMemoryAccessLogWriter();
        InMemoryAccessLogWriter b = new InMemoryAccessLogWriter();
        InMemoryAccessLogWriter c = new InMemoryAccessLogWriter();
        try (AccessLog log = new AccessLog(List.of(new AccessLog.Destination("a", json, a),
                new AccessLog.Destination("b", xfer, b), new AccessLog.Destination("c", json, c)), NO_PRIVACY, 64)) {
            log.record(QueueEvents.transfer(1));
            log.record(QueueEvents.transfer(2));
        }
        assertThat(json.calls).hasValue(2);
        assertThat(xfer.calls).hasValue(2);
        assertThat(a.lines()).containsExactly("j:s1", "j:s2");
        assertThat(b.lines()).containsExactly("x:s1", "x:s2");
        assertThat(c.lines()).containsExactly("j:s1", "j:s2");
    }

    @Test
    void eachDestinationCountsForItselfAndAFailingOneCostsTheOthersNothing() {
        InMemoryAccessLogWriter good = new InMemoryAccessLogWriter();
        AccessLogWriter broken = new AccessLogWriter() {
            @Override
            public void write(String line) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        AccessLogFormat format = event -> event.session();
        AccessLog log = new AccessLog(List.of(new AccessLog.Destination("good", format, good),
                new AccessLog.Destination("broken", format, broken)), NO_PRIVACY, 64);
        log.record(QueueEvents.transfer(1));
        log.close();
        assertThat(good.lines()).containsExactly("s1");
        assertThat(log.destinationStats()).containsExactly(new AccessLog.DestinationStats("good", 1, 0),
                new AccessLog.DestinationStats("broken", 0, 1));
        assertThat(log.stats().recorded()).isEqualTo(1);
        assertThat(log.stats().written()).isEqualTo(1);
        assertThat(log.stats().failed()).isEqualTo(1);
    }

    @Test
    void jsonOfEveryEventInOneFileAndXferlogOfTransfersInAnother() throws IOException {
        Path json = dir.resolve("access.jsonl");
        Path xferlog = dir.resolve("xferlog");
        AccessLogConfig config = AccessLogConfig.builder().destination(json)
                .extraDestination(RecordFormat.XFERLOG, xferlog.toString()).xferlogZone(ZoneOffset.UTC).build();
        try (AccessLog log = AccessLogs.create(config)) {
            log.record(Events.guestLogin("jane@example.org"));
            log.record(Events.guestDownload("jane@example.org"));
        }
        assertThat(Files.readAllLines(json, StandardCharsets.UTF_8)).hasSize(2)
                .allMatch(line -> line.startsWith("{\"v\":1,"));
        List<String> transfers = Files.readAllLines(xferlog, StandardCharsets.UTF_8);
        assertThat(transfers).hasSize(1);
        assertThat(transfers.get(0)).contains(" jane@example.org ftp 0 * c");
    }

    @Test
    void eachFileNoticesItsOwnRotation() throws Exception {
        Path json = dir.resolve("access.jsonl");
        Path xferlog = dir.resolve("xferlog");
        AccessLogConfig config = AccessLogConfig.builder().destination(json)
                .extraDestinations("xferlog:" + xferlog).xferlogZone(ZoneOffset.UTC).build();
        try (AccessLog log = AccessLogs.create(config)) {
            log.record(Events.guestDownload("jane@example.org"));
            awaitLines(xferlog, 1);
            Files.move(xferlog, dir.resolve("xferlog.1")); // logrotate "create", of this file only
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!Files.exists(xferlog) && System.nanoTime() < deadline) {
                Thread.sleep(20); // maintain() runs about once a second and reopens the path
            }
            log.record(Events.guestDownload("joe@example.org"));
        }
        assertThat(Files.readAllLines(dir.resolve("xferlog.1"))).hasSize(1).allMatch(l -> l.contains("jane@"));
        assertThat(Files.readAllLines(xferlog)).hasSize(1).allMatch(l -> l.contains("joe@"));
        assertThat(Files.readAllLines(json)).hasSize(2);
    }

    private static void awaitLines(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while ((!Files.exists(file) || Files.readAllLines(file).size() < count) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void aDestinationCannotBeGivenTwiceOrWithoutAFormat() {
        assertThatThrownBy(() -> AccessLogConfig.builder().destination(dir.resolve("a.log"))
                .extraDestinations("xferlog:" + dir.resolve("a.log")).build())
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessageStartingWith("accessLog.extraDestinations: \"xferlog:" + dir.resolve("a.log")
                        + "\" is not valid; expected destinations that differ from each other and from"
                        + " accessLog.destination");
        assertThatThrownBy(() -> AccessLogConfig.builder().extraDestinations("csv:/tmp/x"))
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("accessLog.extraDestinations: \"csv:/tmp/x\" is not valid; expected FORMAT:DESTINATION"
                        + " items such as xferlog:/var/log/anonftp/xferlog or json:-, FORMAT one of JSON, XFERLOG");
    }

    @Test
    void anUnwritableExtraFileFailsNamingItsSettingAndLeavesNoWriterOpen() {
        Path missingDirectory = dir.resolve("no-such-dir/xferlog");
        AccessLogConfig config = AccessLogConfig.builder().destination(dir.resolve("access.jsonl"))
                .extraDestination(RecordFormat.XFERLOG, missingDirectory.toString()).build();
        long before = QueueEvents.accessLogThreads();
        assertThatThrownBy(() -> AccessLogs.create(config)).isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("accessLog.extraDestinations: \"" + missingDirectory + "\" cannot be written: its"
                        + " directory does not exist; expected a writable file path");
        assertThat(QueueEvents.accessLogThreads()).isEqualTo(before);
    }
}

package io.github.anonftp.dropbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.accesslog.EventType;
import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.UploadConfig;
import io.github.anonftp.junit.AnonFtpServerExtension;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RawUpload;

/** The drop-box total (across restarts) and the per-client quotas (across connections). */
@Timeout(30)
class StorageBoundsTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @Nested
    class DropBoxTotal {
        @TempDir
        Path root;
        @TempDir
        Path incoming;

        AnonFtpServer start() throws Exception {
            return AnonFtpServer.builder().anonymous(AnonymousConfig.builder().homeDirectory(root)
                    .uploadDirectory(incoming).uploads(UploadConfig.builder().maxDropBoxSize("100KiB").build())
                    .build()).build().start();
        }

        @Test
        void theTotalIsCountedAtStartTrackedAsUploadsArriveAndNeverPassed() throws Exception {
            Files.write(incoming.resolve("earlier.bin"), new byte[40 * 1024]);
            try (AnonFtpServer server = start()) {
                assertThat(server.dropBox().orElseThrow().total()).isEqualTo(40 * 1024);
                try (RawUpload upload = RawUpload.start(server.port(), "/incoming/second.bin")) {
                    upload.send(50 * 1024);
                    assertThat(upload.finish()).startsWith("226 ");
                }
                assertThat(server.dropBox().orElseThrow().total()).isEqualTo(90 * 1024);
                try (RawUpload upload = RawUpload.start(server.port(), "/incoming/third.bin")) {
                    upload.send(50 * 1024);
                    assertThat(upload.stoppedReply()).isEqualTo("552 Exceeded storage allocation (the drop box is"
                            + " full); try again later.\r\n");
                }
                assertThat(incoming.resolve("third.bin")).doesNotExist();
                assertThat(server.dropBox().orElseThrow().total()).as("the removed part given back")
                        .isEqualTo(90 * 1024);
                try (RawUpload upload = RawUpload.start(server.port(), "/incoming/small.bin")) {
                    upload.send(10 * 1024);
                    assertThat(upload.finish()).startsWith("226 ");
                }
            }
            try (AnonFtpServer restarted = start()) {
                assertThat(restarted.dropBox().orElseThrow().total()).isEqualTo(100 * 1024);
                try (RawUpload upload = RawUpload.start(restarted.port(), "/incoming/fourth.bin")) {
                    assertThat(upload.startReply()).as("refused before any data connection")
                            .isEqualTo("552 Exceeded storage allocation (the drop box is full); try again later.\r\n");
                }
            }
            try (var files = Files.list(incoming)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("earlier.bin", "second.bin", "small.bin");
            }
        }
    }

    @Nested
    class ByteQuota {
        @RegisterExtension
        final AnonFtpServerExtension ftp = AnonFtpServerExtension.with(b -> b.rateLimit(RateLimitConfig.builder()
                .maxSessionsPerClient(0).connectionRate("0").commandRate("0").maxLoginFailures(0)
                .uploadQuotaPerClient("100KiB/2h").build()));

        @Test
        void theQuotaCountsOverSeveralConnectionsAndStopsTheUploadThatPassesIt() throws Exception {
            try (RawUpload first = RawUpload.start(ftp.port(), "/incoming/one.bin")) {
                first.send(60 * 1024);
                assertThat(first.finish()).startsWith("226 ");
            }
            try (RawUpload second = RawUpload.start(ftp.port(), "/incoming/two.bin")) {
                second.send(60 * 1024);
                assertThat(second.stoppedReply()).isEqualTo(
                        "552 Upload quota for your address reached; try again in 2 hours.\r\n");
            }
            assertThat(ftp.uploads().resolve("two.bin")).doesNotExist();
            assertThat(ftp.accessLog().await(e -> e.type() == EventType.DENIED, WAIT).reason()).isEqualTo("quota");
            try (RawUpload third = RawUpload.start(ftp.port(), "/incoming/three.bin")) {
                third.send(40 * 1024);
                assertThat(third.finish()).as("what the stopped upload claimed was given back").startsWith("226 ");
            }
            try (RawUpload fourth = RawUpload.start(ftp.port(), "/incoming/four.bin")) {
                assertThat(fourth.startReply()).as("refused before any data connection").isEqualTo(
                        "552 Upload quota for your address reached; try again in 2 hours.\r\n");
            }
            try (RawUpload other = RawUpload.start(ftp.port(), "127.0.0.2", "/incoming/other.bin")) {
                other.send(60 * 1024);
                assertThat(other.finish()).as("another address has its own quota").startsWith("226 ");
            }
        }
    }

    @Nested
    class FileQuota {
        @RegisterExtension
        final AnonFtpServerExtension ftp = AnonFtpServerExtension.with(b -> b.rateLimit(RateLimitConfig.builder()
                .maxSessionsPerClient(0).connectionRate("0").commandRate("0").maxLoginFailures(0)
                .uploadFilesPerClient("2/1d").build()));

        @Test
        void theThirdUploadOfTheDayIsRefusedOnAnyConnection() throws Exception {
            FTPClient one = ftp.anonymousClient();
            assertThat(UploadRulesTest.upload(one, "/incoming/a.txt", 1)).isTrue();
            assertThat(UploadRulesTest.upload(one, "/incoming/.bad", 1)).as("a refused name counts nothing").isFalse();
            FTPClient two = ftp.anonymousClient();
            assertThat(UploadRulesTest.upload(two, "/incoming/b.txt", 1)).isTrue();
            assertThat(UploadRulesTest.upload(two, "/incoming/c.txt", 1)).isFalse();
            assertThat(two.getReplyString()).isEqualTo(
                    "552 Upload quota for your address reached; try again in 24 hours.\r\n");
            assertThat(ftp.accessLog().await(e -> e.type() == EventType.DENIED && e.path().endsWith("c.txt"), WAIT)
                    .reason()).isEqualTo("file-quota");
        }
    }
}

package io.github.anonftp.anonymous;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/** The per-guest idle timeout and transfer rate, over real sessions. */
@Timeout(30)
class GuestLimitsTest {

    @TempDir
    Path root;
    AnonFtpServer server;

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void anIdleGuestIsDisconnectedAfterTheGuestIdleTimeout() throws Exception {
        server = AnonFtpServer.builder().anonymous(TestArchive.guests(root).idleTimeout(Duration.ofSeconds(1)).build())
                .build().start();
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", server.port())) {
            ftp.reply();
            ftp.command("USER anonymous");
            assertThat(ftp.command("PASS user@example.com")).startsWith("230 ");
            long start = System.nanoTime();
            assertThat(ftp.isClosedByServer()).isTrue(); // reads block until the server closes (5 s socket timeout)
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(4500));
        }
    }

    @Test
    void aGuestDownloadIsThrottledToTheDownloadRate() throws Exception {
        TestArchive.create(root);
        Files.write(root.resolve("pub/big.bin"), new byte[60_000]);
        server = AnonFtpServer.builder().anonymous(AnonymousConfig.builder().homeDirectory(root)
                .maxDownloadRate(30_000).build()).build().start();
        FTPClient guest = TestArchive.guest(server.port());
        try {
            long start = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(guest.retrieveFile("/pub/big.bin", out)).isTrue();
            assertThat(out.size()).isEqualTo(60_000);
            // 60 kB at 30 kB/s cannot take less than about 2 s; only the lower bound is asserted.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(1500));
        } finally {
            TestArchive.quietly(guest);
        }
    }
}

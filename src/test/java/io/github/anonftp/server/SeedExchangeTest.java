package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.testing.RawFtp;

@Timeout(30)
class SeedExchangeTest {

    @TempDir
    Path root;
    AnonFtpServer server;

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(root.resolve("pub"));
        Files.writeString(root.resolve("pub/README.txt"), "hello\n", StandardCharsets.UTF_8);
        server = AnonFtpServer.builder().anonymous(AnonymousConfig.builder().homeDirectory(root).build()).build()
                .start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void anonymousLoginIsTheRfc1635DialogueByteForByte() throws Exception {
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", server.port())) {
            assertThat(ftp.reply()).startsWith("220 ");
            assertThat(ftp.command("USER anonymous"))
                    .isEqualTo("331 Guest login ok, send your complete e-mail address as password.\r\n");
            assertThat(ftp.command("PASS user@example.com"))
                    .isEqualTo("230 Guest login ok, access restrictions apply.\r\n");
        }
    }
}

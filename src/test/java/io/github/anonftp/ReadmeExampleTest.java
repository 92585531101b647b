package io.github.anonftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.email.EmailPolicyConfig;
import io.github.anonftp.email.Enforcement;
import io.github.anonftp.server.AnonFtpServer;

/** The README's Java example, kept compiling and working; DocExamplesTest checks that the README shows it. */
@Timeout(30)
class ReadmeExampleTest {

    @Test
    void theReadmeExampleServesAnonymousFtp(@TempDir Path archive, @TempDir Path uploads) throws Exception {
        Files.writeString(archive.resolve("hello.txt"), "hello\n");
        // README example begins
        try (AnonFtpServer ftp = AnonFtpServer.builder()
                .anonymous(AnonymousConfig.builder()
                        .homeDirectory(archive)            // read-only, jailed
                        .uploadDirectory(uploads)          // write-only drop box at /incoming
                        .build())
                .emailPolicy(EmailPolicyConfig.builder().enforcement(Enforcement.WARN).build())
                .build().start()) {                        // 127.0.0.1, an ephemeral port
            System.out.println("serving " + ftp.url());   // ftp://127.0.0.1:41234/
            // README example pauses
            FTPClient client = new FTPClient();
            client.connect("127.0.0.1", ftp.port());
            assertThat(client.login("anonymous", "not-an-address")).isTrue();
            assertThat(client.getReplyString()).startsWith("230-The password you sent is not a valid e-mail address");
            assertThat(client.listNames()).containsExactlyInAnyOrder("hello.txt", "incoming");
            assertThat(ftp.url().toString()).isEqualTo("ftp://127.0.0.1:" + ftp.port() + "/");
            client.disconnect();
            // README example resumes
        }
        // README example ends
    }
}

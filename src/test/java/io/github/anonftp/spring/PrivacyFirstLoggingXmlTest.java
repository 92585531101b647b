package io.github.anonftp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.testing.TestArchive;

/** {@code config-samples/privacy-first-logging.xml}: hashed addresses, truncated IPs, secret from a file. */
class PrivacyFirstLoggingXmlTest {

    @TempDir
    Path home;

    @Test
    void theLogHoldsNeitherAddressesNorFullIps() throws Exception {
        try (XmlSample sample = XmlSample.copy("privacy-first-logging.xml", home)) {
            Files.writeString(home.resolve("res/conf/privacy.secret"), "a-secret-of-more-than-16-chars\n");
            int port = sample.start();
            FTPClient client = TestArchive.connect(port);
            try {
                assertThat(client.login("anonymous", "private.person@example.org")).isTrue();
                assertThat(client.listNames("/pub")).isNotEmpty();
                assertThat(client.retrieveFile("/pub/README.txt", new java.io.ByteArrayOutputStream())).isTrue();
            } finally {
                client.disconnect();
            }
        }
        String log = Files.readString(home.resolve("res/log/anonftp-access.jsonl"));
        assertThat(log).contains("\"connect\"").contains("127.0.0.0").contains("h:")
                .doesNotContain("127.0.0.1").doesNotContain("private.person").doesNotContain("example.org");
        List<String> transfers = Files.readAllLines(home.resolve("res/log/xferlog"));
        assertThat(transfers).hasSize(1);
        assertThat(transfers.get(0)).contains("/pub/README.txt").contains(" h:")
                .doesNotContain("private.person").doesNotContain("127.0.0.1");
    }
}

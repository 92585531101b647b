package io.github.anonftp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.anonymous.AnonymousUserManager;
import io.github.anonftp.anonymous.UploadConfig;
import io.github.anonftp.testing.TestArchive;

/** {@code config-samples/safe-drop-box.xml}: a bounded drop box set up through Spring XML. */
@Timeout(30)
class SafeDropBoxXmlTest {

    @TempDir
    Path home;

    @Test
    void theSamplesUploadSettingsApplyToRealUploads() throws Exception {
        try (XmlSample sample = XmlSample.copy("safe-drop-box.xml", home)) {
            Files.createDirectories(home.resolve("res/quarantine"));
            int port = sample.start();
            UploadConfig uploads = ((AnonymousUserManager) sample.factory().getUserManager()).config().uploads();
            assertThat(uploads.maxUploadSize()).isEqualTo(100L << 20);
            assertThat(uploads.quarantineDirectory()).isEqualTo(home.resolve("res/quarantine").toAbsolutePath());
            FTPClient client = TestArchive.connect(port);
            try {
                assertThat(client.login("anonymous", "uploader@example.org")).isTrue();
                client.setFileType(FTP.BINARY_FILE_TYPE);
                assertThat(client.storeFile("/incoming/data.csv", new ByteArrayInputStream(new byte[] {1, 2})))
                        .isTrue();
                assertThat(client.storeFile("/incoming/data.csv", new ByteArrayInputStream(new byte[] {3}))).isTrue();
                assertThat(client.getReplyString()).isEqualTo(
                        "226 Transfer complete; stored as /incoming/data.csv.1.\r\n");
                assertThat(client.storeFile("/incoming/run.sh", new ByteArrayInputStream(new byte[] {4}))).isFalse();
                assertThat(client.getReplyString()).isEqualTo(
                        "553 File name not allowed: names like *.sh are refused here.\r\n");
            } finally {
                client.disconnect();
            }
            assertThat(Files.size(home.resolve("res/incoming/data.csv.1"))).isEqualTo(1);
        }
    }
}

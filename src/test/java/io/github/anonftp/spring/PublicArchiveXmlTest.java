package io.github.anonftp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.anonymous.AnonymousUserManager;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/** {@code config-samples/public-archive.xml}: guests only, read-only, level 2 replies. */
class PublicArchiveXmlTest {

    @TempDir
    Path home;

    @Test
    void guestsReadTheArchiveAndCannotWrite() throws Exception {
        try (XmlSample sample = XmlSample.copy("public-archive.xml", home)) {
            int port = sample.start();
            FTPClient client = TestArchive.connect(port);
            try {
                assertThat(client.user("ftp")).isEqualTo(331);
                assertThat(client.getReplyString())
                        .isEqualTo("331 Guest login ok, send your complete e-mail address as password.\r\n");
                assertThat(client.pass("reader@example.org")).isEqualTo(230);
                assertThat(client.getReplyString()).contains("230-Welcome to the public archive.")
                        .endsWith("230 Guest login ok, access restrictions apply.\r\n");
                ByteArrayOutputStream readme = new ByteArrayOutputStream();
                assertThat(client.retrieveFile("/pub/README.txt", readme)).isTrue();
                assertThat(readme.toString(StandardCharsets.UTF_8)).isEqualTo(TestArchive.README);
                assertThat(client.storeFile("/pub/new.txt", new ByteArrayInputStream(new byte[] {1}))).isFalse();
                assertThat(client.getReplyCode()).isBetween(500, 599);
            } finally {
                client.disconnect();
            }
        }
    }

    @Test
    void theBannerDirectoryMessagesAndFileRulesOfTheSampleApply() throws Exception {
        try (XmlSample sample = XmlSample.copy("public-archive.xml", home)) {
            Path pub = home.resolve("res/home/pub");
            Files.writeString(pub.resolve(".message"), "Mirrors of pub: see MIRRORS.\n");
            Files.writeString(pub.resolve("upload.tmp"), "partial\n");
            Files.writeString(pub.resolve("server.key"), "secret\n");
            int port = sample.start();
            try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
                assertThat(ftp.reply()).isEqualTo("220 Public archive: anonymous FTP, read-only.\r\n");
                ftp.command("USER anonymous");
                assertThat(ftp.command("PASS reader@example.org")).endsWith("230 Guest login ok, access restrictions"
                        + " apply.\r\n");
                assertThat(ftp.command("CWD /pub")).isEqualTo("250-Mirrors of pub: see MIRRORS.\r\n"
                        + "250 Directory changed to /pub\r\n");
                assertThat(ftp.command("STAT -a /pub")).contains("README.txt")
                        .doesNotContain(".message", "upload.tmp", "server.key");
                assertThat(ftp.command("SIZE upload.tmp")).isEqualTo("213 8\r\n"); // hidden, not denied
                assertThat(ftp.command("SIZE server.key")).isEqualTo(ftp.command("SIZE none.txt")
                        .replace("none.txt", "server.key"));
            }
        }
    }

    @Test
    void theUserManagerIsAnonymousOnlyOnTheSamplesHome() throws Exception {
        try (XmlSample sample = XmlSample.copy("public-archive.xml", home)) {
            sample.load();
            AnonymousUserManager users = (AnonymousUserManager) sample.factory().getUserManager();
            assertThat(users.isAnonymousOnly()).isTrue();
            assertThat(users.config().homeDirectory()).isEqualTo(home.resolve("res/home").toAbsolutePath());
        }
    }
}

package io.github.anonftp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.ftpserver.usermanager.Sha512PasswordEncryptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.testing.TestArchive;

/** {@code config-samples/archive-with-users.xml}: real users from users.properties, guests with a drop box. */
class ArchiveWithUsersXmlTest {

    @TempDir
    Path home;

    @TempDir
    Path aliceHome;

    @Test
    void realUsersAndGuestsShareTheServer() throws Exception {
        try (XmlSample sample = XmlSample.copy("archive-with-users.xml", home)) {
            writeUsers(home.resolve("res/conf/users.properties"));
            int port = sample.start();

            FTPClient alice = TestArchive.connect(port);
            try {
                assertThat(alice.login("alice", "s3cret")).as(alice.getReplyString()).isTrue();
                alice.setFileType(FTP.BINARY_FILE_TYPE);
                assertThat(alice.storeFile("notes.txt", text("mine"))).as(alice.getReplyString()).isTrue();
                assertThat(Files.readString(aliceHome.resolve("notes.txt"))).isEqualTo("mine");
            } finally {
                alice.disconnect();
            }

            FTPClient guest = TestArchive.guest(port);
            try {
                ByteArrayOutputStream readme = new ByteArrayOutputStream();
                assertThat(guest.retrieveFile("/pub/README.txt", readme)).isTrue();
                assertThat(guest.storeFile("/incoming/report.txt", text("hello"))).as(guest.getReplyString())
                        .isTrue();
                assertThat(Files.readString(home.resolve("res/incoming/report.txt"))).isEqualTo("hello");
                assertThat(guest.retrieveFile("/incoming/report.txt", new ByteArrayOutputStream())).isFalse();
            } finally {
                guest.disconnect();
            }

            FTPClient wrong = TestArchive.connect(port);
            try {
                assertThat(wrong.login("alice", "wrong")).isFalse();
            } finally {
                wrong.disconnect();
            }
        }
        assertThat(Files.readString(home.resolve("res/log/anonftp-access.jsonl")))
                .contains("\"user\":\"alice\"").contains("/incoming/report.txt");
    }

    private void writeUsers(Path file) throws Exception {
        String prefix = "ftpserver.user.alice.";
        String users = prefix + "userpassword=" + new Sha512PasswordEncryptor().encrypt("s3cret") + "\n"
                + prefix + "homedirectory=" + aliceHome.toString().replace("\\", "/") + "\n"
                + prefix + "enableflag=true\n"
                + prefix + "writepermission=true\n";
        Files.writeString(file, users, StandardCharsets.UTF_8);
    }

    private static ByteArrayInputStream text(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }
}

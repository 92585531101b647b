package io.github.anonftp.anonymous;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.TestArchive;

/** An upload directory inside the home is reachable only as the drop box, never by its own path. */
@Timeout(30)
class UploadDirectoryInsideHomeTest {

    @TempDir
    Path root;
    AnonFtpServer server;
    FTPClient guest;

    @BeforeEach
    void start() throws Exception {
        TestArchive.create(root);
        Path uploads = Files.createDirectories(root.resolve("pub/uploads"));
        Files.writeString(uploads.resolve("secret.txt"), "not for download\n");
        server = AnonFtpServer.builder()
                .anonymous(AnonymousConfig.builder().homeDirectory(root).uploadDirectory(uploads)
                        .uploadPath("/drop").build())
                .build().start();
        guest = TestArchive.guest(server.port());
    }

    @AfterEach
    void stop() {
        TestArchive.quietly(guest);
        server.stop();
    }

    @Test
    void theUploadDirectoryIsHiddenUnderItsArchivePath() throws Exception {
        assertThat(guest.listFiles("/pub")).extracting(FTPFile::getName)
                .containsExactlyInAnyOrder("README.txt", "data.bin", "sub");
        assertThat(guest.retrieveFile("/pub/uploads/secret.txt", new ByteArrayOutputStream())).isFalse();
        assertThat(guest.getReplyCode()).isEqualTo(550);
        assertThat(guest.changeWorkingDirectory("/pub/uploads")).isFalse();
    }

    @Test
    void theDropBoxAppearsAtItsGuestPath() throws Exception {
        assertThat(guest.listFiles("/")).extracting(FTPFile::getName).containsExactlyInAnyOrder("pub", "drop");
        assertThat(guest.storeFile("/drop/new.txt", new java.io.ByteArrayInputStream(new byte[] {1}))).isTrue();
        assertThat(root.resolve("pub/uploads/new.txt")).exists();
    }
}

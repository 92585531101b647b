package io.github.anonftp.anonymous;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.TestArchive;

/** Guests may list and download the archive, and change nothing in it. */
@Timeout(30)
class ReadOnlyArchiveTest {

    @TempDir
    Path root;
    @TempDir
    Path outside;
    AnonFtpServer server;
    FTPClient guest;

    void start(boolean dropBox, boolean followSymlinks) throws Exception {
        AnonymousConfig.Builder guests = TestArchive.guests(root).followSymlinks(followSymlinks);
        if (dropBox) {
            guests.uploadDirectory(Files.createDirectories(outside.resolve("incoming")));
        }
        server = AnonFtpServer.builder().anonymous(guests.build()).build().start();
        guest = TestArchive.guest(server.port());
    }

    @AfterEach
    void stop() {
        TestArchive.quietly(guest);
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void guestsListAndDownloadTheArchive() throws Exception {
        start(false, false);
        assertThat(guest.listFiles("/pub")).extracting(FTPFile::getName)
                .containsExactlyInAnyOrder("README.txt", "data.bin", "sub");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(guest.retrieveFile("/pub/data.bin", out)).isTrue();
        assertThat(out.toByteArray()).isEqualTo(TestArchive.DATA);
        assertThat(guest.sendCommand("SIZE", "/pub/data.bin")).isEqualTo(213);
        assertThat(guest.getReplyString()).isEqualTo("213 1024\r\n");
    }

    @Test
    void aDownloadCanResumeAtAnOffset() throws Exception {
        start(false, false);
        guest.setRestartOffset(1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(guest.retrieveFile("/pub/data.bin", out)).isTrue();
        assertThat(out.toByteArray()).hasSize(24);
    }

    @Test
    void everyWriteOutsideTheDropBoxIsRefusedWith550() throws Exception {
        start(true, false);
        String refusal = ": the archive is read-only for guests; uploads go to /incoming.\r\n";
        assertThat(guest.storeFile("/pub/new.txt", new ByteArrayInputStream(new byte[] {1}))).isFalse();
        assertThat(guest.getReplyString()).isEqualTo("550 /pub/new.txt" + refusal);
        assertThat(guest.storeFile("/pub/README.txt", new ByteArrayInputStream(new byte[] {1}))).isFalse();
        assertThat(guest.getReplyString()).isEqualTo("550 /pub/README.txt" + refusal);
        assertThat(guest.appendFile("/pub/README.txt", new ByteArrayInputStream(new byte[] {1}))).isFalse();
        assertThat(guest.getReplyCode()).isEqualTo(550);
        assertThat(guest.deleteFile("/pub/README.txt")).isFalse();
        assertThat(guest.getReplyString()).isEqualTo("550 /pub/README.txt" + refusal);
        assertThat(guest.makeDirectory("/pub/newdir")).isFalse();
        assertThat(guest.getReplyString()).isEqualTo("550 /pub/newdir" + refusal);
        assertThat(guest.removeDirectory("/pub/sub")).isFalse();
        assertThat(guest.getReplyCode()).isEqualTo(550);
        assertThat(guest.rename("/pub/README.txt", "/pub/x.txt")).isFalse();
        assertThat(guest.getReplyString()).isEqualTo("550 /pub/README.txt" + refusal);
        assertThat(guest.sendCommand("MFMT", "20200101000000 /pub/README.txt")).isEqualTo(550);
        assertThat(guest.sendCommand("STOU")).isEqualTo(550);
        assertThat(Files.readString(root.resolve("pub/README.txt"), StandardCharsets.UTF_8)).isEqualTo(TestArchive.README);
        assertThat(root.resolve("pub/new.txt")).doesNotExist();
        assertThat(root.resolve("pub/newdir")).doesNotExist();
        assertThat(root.resolve("pub/sub")).exists();
    }

    @Test
    void withoutADropBoxTheRefusalNamesNoUploadDirectory() throws Exception {
        start(false, false);
        assertThat(guest.storeFile("/new.txt", new ByteArrayInputStream(new byte[] {1}))).isFalse();
        assertThat(guest.getReplyString()).isEqualTo("550 /new.txt: the archive is read-only for guests.\r\n");
    }

    @Test
    void guestsCannotClimbAboveTheirRoot() throws Exception {
        start(false, false);
        assertThat(guest.changeWorkingDirectory("/../../..")).isTrue();
        assertThat(guest.printWorkingDirectory()).isEqualTo("/");
        assertThat(guest.listNames("../..")).containsExactly("pub");
        assertThat(guest.changeWorkingDirectory("\\..\\..\\pub")).isTrue();
        assertThat(guest.printWorkingDirectory()).isEqualTo("/pub");
    }

    @Test
    void symbolicLinksOutOfTheRootAreHiddenUnlessAllowed() throws Exception {
        Files.writeString(outside.resolve("secret.txt"), "outside\n");
        TestArchive.create(root);
        Files.createSymbolicLink(root.resolve("pub/escape"), outside);
        Files.createSymbolicLink(root.resolve("pub/inside"), root.resolve("pub/sub"));
        start(false, false);
        assertThat(guest.listFiles("/pub")).extracting(FTPFile::getName)
                .containsExactlyInAnyOrder("README.txt", "data.bin", "sub", "inside");
        assertThat(guest.retrieveFile("/pub/escape/secret.txt", new ByteArrayOutputStream())).isFalse();
        assertThat(guest.changeWorkingDirectory("/pub/escape")).isFalse();
        ByteArrayOutputStream nested = new ByteArrayOutputStream();
        assertThat(guest.retrieveFile("/pub/inside/nested.txt", nested)).isTrue();
        assertThat(nested.toString(StandardCharsets.UTF_8)).isEqualTo("nested\n");
    }

    @Test
    void followSymlinksLetsLinksLeadOutOfTheRoot() throws Exception {
        Files.writeString(outside.resolve("shared.txt"), "shared\n");
        TestArchive.create(root);
        Files.createSymbolicLink(root.resolve("pub/shared"), outside);
        start(false, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(guest.retrieveFile("/pub/shared/shared.txt", out)).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("shared\n");
    }
}

package io.github.anonftp.anonymous;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.anonftp.junit.AnonFtpServerExtension;
import io.github.anonftp.testing.TestArchive;

/** The drop box: guests may create files in it once, and do nothing else with it. */
@Timeout(30)
class DropBoxTest {

    @RegisterExtension
    final AnonFtpServerExtension ftp = AnonFtpServerExtension.withDefaults();
    Path root;
    Path uploads;
    FTPClient guest;

    @BeforeEach
    void start() throws Exception {
        root = TestArchive.create(ftp.root());
        uploads = ftp.uploads();
        Files.writeString(uploads.resolve("earlier.txt"), "uploaded by someone else\n");
        guest = ftp.anonymousClient();
    }

    private boolean upload(String path, String content) throws Exception {
        return guest.storeFile(path, new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNewFileUploadedToIncomingLandsInTheUploadDirectory() throws Exception {
        assertThat(upload("/incoming/report.txt", "new data\n")).isTrue();
        assertThat(guest.getReplyCode()).isEqualTo(226);
        assertThat(Files.readString(uploads.resolve("report.txt"))).isEqualTo("new data\n");
    }

    @Test
    void uploadsWorkRelativeToTheDropBoxAsWorkingDirectory() throws Exception {
        assertThat(guest.changeWorkingDirectory("incoming")).isTrue();
        assertThat(guest.printWorkingDirectory()).isEqualTo("/incoming");
        assertThat(upload("relative.txt", "x")).isTrue();
        assertThat(uploads.resolve("relative.txt")).exists();
    }

    @Test
    void storeUniqueCreatesAFreshName() throws Exception {
        assertThat(guest.changeWorkingDirectory("/incoming")).isTrue();
        assertThat(guest.storeUniqueFile(new ByteArrayInputStream(new byte[] {42}))).isTrue();
        try (var files = Files.list(uploads)) {
            assertThat(files.count()).isEqualTo(2);
        }
    }

    @Test
    void anExistingFileCannotBeOverwritten() throws Exception {
        assertThat(upload("/incoming/earlier.txt", "replaced")).isFalse();
        assertThat(guest.getReplyString()).isEqualTo(
                "550 /incoming/earlier.txt: a file of this name was already uploaded; choose another name.\r\n");
        assertThat(Files.readString(uploads.resolve("earlier.txt"))).isEqualTo("uploaded by someone else\n");
    }

    @Test
    void filesInTheDropBoxCannotBeDownloaded() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(guest.retrieveFile("/incoming/earlier.txt", out)).isFalse();
        assertThat(guest.getReplyString()).isEqualTo(
                "550 /incoming/earlier.txt: files in the drop box cannot be downloaded or inspected.\r\n");
        assertThat(out.size()).isZero();
    }

    @Test
    void filesInTheDropBoxCannotBeInspected() throws Exception {
        for (String command : new String[] {"SIZE", "MDTM", "MLST"}) {
            assertThat(guest.sendCommand(command, "/incoming/earlier.txt")).as(command).isEqualTo(550);
            assertThat(guest.getReplyString()).contains("cannot be downloaded or inspected");
        }
    }

    @Test
    void theDropBoxCannotBeListedInAnyWay() throws Exception {
        String listRefusal = "550 /incoming: uploads only, the drop box cannot be listed.\r\n";
        assertThat(guest.listFiles("/incoming")).isEmpty();
        assertThat(guest.getReplyString()).isEqualTo(listRefusal);
        assertThat(guest.listNames("/incoming")).isNull();
        assertThat(guest.getReplyString()).isEqualTo(listRefusal);
        assertThat(guest.listFiles("-la /incoming/*")).isEmpty();
        assertThat(guest.getReplyString()).isEqualTo(listRefusal);
        assertThat(guest.mlistDir("/incoming")).isEmpty();
        assertThat(guest.getReplyCode()).isEqualTo(550);
        assertThat(guest.sendCommand("STAT", "/incoming")).isEqualTo(550);
        guest.changeWorkingDirectory("/incoming");
        assertThat(guest.listNames()).isNull();
        assertThat(guest.getReplyString()).isEqualTo(listRefusal);
    }

    @Test
    void theDropBoxIsShownInItsParentListing() throws Exception {
        assertThat(guest.listFiles("/")).extracting(FTPFile::getName).containsExactlyInAnyOrder("pub", "incoming");
    }

    @Test
    void filesInTheDropBoxCannotBeAppendedRenamedOrDeleted() throws Exception {
        assertThat(guest.appendFile("/incoming/earlier.txt", new ByteArrayInputStream(new byte[] {1}))).isFalse();
        assertThat(guest.getReplyString()).isEqualTo(
                "550 /incoming/earlier.txt: files in the drop box cannot be appended to, renamed or deleted.\r\n");
        assertThat(guest.rename("/incoming/earlier.txt", "/incoming/mine.txt")).isFalse();
        assertThat(guest.getReplyCode()).isEqualTo(550);
        assertThat(guest.deleteFile("/incoming/earlier.txt")).isFalse();
        assertThat(guest.getReplyCode()).isEqualTo(550);
        assertThat(Files.readString(uploads.resolve("earlier.txt"))).isEqualTo("uploaded by someone else\n");
    }

    @Test
    void noDirectoryCanBeMadeOrRemovedInTheDropBox() throws Exception {
        assertThat(guest.makeDirectory("/incoming/sub")).isFalse();
        assertThat(guest.getReplyString()).isEqualTo(
                "550 /incoming/sub: directories cannot be created or removed in the drop box.\r\n");
        assertThat(guest.removeDirectory("/incoming")).isFalse();
        assertThat(guest.getReplyCode()).isEqualTo(550);
        assertThat(uploads.resolve("sub")).doesNotExist();
    }

    @Test
    void aPathThatMerelyStartsLikeTheDropBoxIsReadOnly() throws Exception {
        assertThat(upload("/incomingX.txt", "x")).isFalse();
        assertThat(guest.getReplyString()).isEqualTo(
                "550 /incomingX.txt: the archive is read-only for guests; uploads go to /incoming.\r\n");
        assertThat(root.resolve("incomingX.txt")).doesNotExist();
    }

    @Test
    void uploadingOntoTheDropBoxItselfIsRefused() throws Exception {
        assertThat(upload("/incoming", "x")).isFalse();
        assertThat(guest.getReplyString()).isEqualTo("550 /incoming: not a file name; upload to /incoming/NAME.\r\n");
    }

    @Test
    void resumedUploadsCannotAppendToExistingFiles() throws Exception {
        guest.setRestartOffset(5);
        assertThat(upload("/incoming/fresh.txt", "tail")).isFalse();
        assertThat(uploads.resolve("fresh.txt")).doesNotExist();
    }
}

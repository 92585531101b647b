package io.github.anonftp.dropbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.anonftp.accesslog.AccessEvent;
import io.github.anonftp.accesslog.EventType;
import io.github.anonftp.accesslog.TransferStatus;
import io.github.anonftp.junit.AnonFtpServerExtension;
import io.github.anonftp.testing.RawUpload;

/** Uploads appear under their name only once complete; an unfinished one leaves nothing; nothing is overwritten. */
@Timeout(30)
class AtomicUploadTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final AnonFtpServerExtension ftp = AnonFtpServerExtension.withDefaults();

    static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void whileAnUploadRunsOnlyAHiddenTemporaryFileExistsAndOtherClientsCannotSeeOrFetchIt() throws Exception {
        try (RawUpload upload = RawUpload.start(ftp.port(), "/incoming/report.bin")) {
            assertThat(upload.startReply()).startsWith("150 ");
            assertThat(upload.send(100_000)).isTrue();
            awaitBytes(100_000);
            List<String> during = names(ftp.uploads());
            assertThat(during).hasSize(1);
            assertThat(during.get(0)).startsWith(".in.").endsWith(".report.bin.part");
            assertThat(Files.getPosixFilePermissions(ftp.uploads().resolve(during.get(0))))
                    .as("readable by the server only while written")
                    .containsExactlyInAnyOrderElementsOf(PosixFilePermissions.fromString("rw-------"));
            FTPClient other = ftp.anonymousClient();
            assertThat(other.listNames("/incoming")).isNull();
            assertThat(other.retrieveFile("/incoming/report.bin", new ByteArrayOutputStream())).isFalse();
            assertThat(other.retrieveFile("/incoming/" + during.get(0), new ByteArrayOutputStream())).isFalse();
            assertThat(other.getReplyCode()).isEqualTo(550);
            assertThat(upload.finish()).startsWith("226 ");
        }
        assertThat(names(ftp.uploads())).containsExactly("report.bin");
        assertThat(Files.size(ftp.uploads().resolve("report.bin"))).isEqualTo(100_000);
    }

    private void awaitBytes(long bytes) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(ftp.uploads())) {
                long written = files.mapToLong(path -> path.toFile().length()).sum();
                if (written >= bytes - 16_384) { // FtpServer buffers up to 8 KiB before writing

                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the server never wrote " + bytes + " bytes");
    }

    @Test
    void anAbortedUploadLeavesNothingAndIsAnsweredAsRfc959Says() throws Exception {
        try (RawUpload upload = RawUpload.start(ftp.port(), "/incoming/aborted.bin")) {
            assertThat(upload.send(50_000)).isTrue();
            awaitBytes(50_000);
            String replies = upload.abort();
            assertThat(replies).startsWith("426 Transfer aborted; nothing was kept.\r\n").contains("\r\n226 ");
        }
        assertThat(names(ftp.uploads())).isEmpty();
        AccessEvent transfer = ftp.accessLog().await(e -> e.type() == EventType.TRANSFER, WAIT);
        assertThat(transfer.status()).isEqualTo(TransferStatus.INCOMPLETE);
        assertThat(transfer.kept()).isFalse();
        assertThat(transfer.stored()).isNull();
    }

    @Test
    void aResetDataConnectionLeavesNothing() throws Exception {
        try (RawUpload upload = RawUpload.start(ftp.port(), "/incoming/crashed.bin")) {
            assertThat(upload.send(50_000)).isTrue();
            awaitBytes(50_000);
            assertThat(upload.reset()).isEqualTo("426 Transfer aborted; nothing was kept.\r\n");
        }
        assertThat(ftp.accessLog().await(e -> e.type() == EventType.TRANSFER, WAIT).kept()).isFalse();
        assertThat(names(ftp.uploads())).isEmpty();
    }

    @Test
    void ofTwoConcurrentUploadsOfOneNameTheFirstToFinishWinsAndTheOtherIsToldWhy() throws Exception {
        try (RawUpload first = RawUpload.start(ftp.port(), "/incoming/same.txt");
                RawUpload second = RawUpload.start(ftp.port(), "127.0.0.2", "/incoming/same.txt")) {
            assertThat(first.startReply()).startsWith("150 ");
            assertThat(second.startReply()).startsWith("150 ");
            assertThat(first.send(1000)).isTrue();
            assertThat(second.send(2000)).isTrue();
            assertThat(second.finish()).startsWith("226 ");
            assertThat(first.finish()).isEqualTo("553 /incoming/same.txt: another upload took this name first;"
                    + " nothing was overwritten, choose another name.\r\n");
        }
        assertThat(names(ftp.uploads())).containsExactly("same.txt");
        assertThat(Files.size(ftp.uploads().resolve("same.txt"))).isEqualTo(2000);
        AccessEvent denied = ftp.accessLog().await(e -> e.type() == EventType.DENIED, WAIT);
        assertThat(denied.reason()).isEqualTo("name-taken");
        assertThat(denied.reply()).isEqualTo(553);
    }

    @Test
    void aCompleteUploadsTransferRecordGivesTheStoredNameAndThatItWasKept() throws Exception {
        try (RawUpload upload = RawUpload.start(ftp.port(), "/incoming/kept.txt")) {
            upload.send(10);
            assertThat(upload.finish()).isEqualTo("226 Transfer complete.\r\n");
        }
        AccessEvent transfer = ftp.accessLog().await(e -> e.type() == EventType.TRANSFER, WAIT);
        assertThat(transfer.status()).isEqualTo(TransferStatus.COMPLETE);
        assertThat(transfer.bytes()).isEqualTo(10);
        assertThat(transfer.stored()).isEqualTo("/incoming/kept.txt");
        assertThat(transfer.kept()).isTrue();
        assertThat(Files.getPosixFilePermissions(ftp.uploads().resolve("kept.txt"))).as("the default mode 0640")
                .containsExactlyInAnyOrderElementsOf(PosixFilePermissions.fromString("rw-r-----"));
    }

    @Test
    void anEmptyUploadIsStoredAsAnEmptyFile() throws Exception {
        try (RawUpload upload = RawUpload.start(ftp.port(), "/incoming/empty.txt")) {
            assertThat(upload.finish()).isEqualTo("226 Transfer complete.\r\n");
        }
        assertThat(names(ftp.uploads())).containsExactly("empty.txt");
        assertThat(Files.size(ftp.uploads().resolve("empty.txt"))).isZero();
    }
}

package io.github.anonftp.dropbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.anonftp.accesslog.AccessEvent;
import io.github.anonftp.accesslog.EventType;
import io.github.anonftp.accesslog.TransferStatus;
import io.github.anonftp.anonymous.UploadConfig;
import io.github.anonftp.junit.AnonFtpServerExtension;
import io.github.anonftp.testing.RawUpload;

/** What the drop box takes: size per file, names, auto-rename, mode and group. */
@Timeout(30)
class UploadRulesTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    /** A guest client that sends UTF-8 names (commons-net's default is ISO-8859-1). */
    static FTPClient utf8Guest(AnonFtpServerExtension ftp) throws Exception {
        FTPClient client = new FTPClient();
        client.setControlEncoding("UTF-8");
        client.setDefaultTimeout(5000);
        client.connect("127.0.0.1", ftp.port());
        client.setSoTimeout(5000);
        client.enterLocalPassiveMode();
        assertThat(client.login("anonymous", "guest@example.org")).isTrue();
        return client;
    }

    static boolean upload(FTPClient client, String path, int size) throws Exception {
        return client.storeFile(path, new ByteArrayInputStream(new byte[size]));
    }

    @Nested
    class SizePerFile {
        @RegisterExtension
        final AnonFtpServerExtension ftp = AnonFtpServerExtension.with(b -> b.uploads(UploadConfig.builder()
                .maxUploadSize("64KiB").build()));

        @Test
        void anUploadPastTheCapIsStoppedWith552AndNothingOfItIsKept() throws Exception {
            try (RawUpload upload = RawUpload.start(ftp.port(), "/incoming/big.iso")) {
                upload.send(1 << 20);
                assertThat(upload.stoppedReply())
                        .isEqualTo("552 Exceeded storage allocation (max 64 KiB per file).\r\n");
            }
            assertThat(AtomicUploadTest.names(ftp.uploads())).isEmpty();
            AccessEvent denied = ftp.accessLog().await(e -> e.type() == EventType.DENIED, WAIT);
            assertThat(denied.reason()).isEqualTo("too-large");
            assertThat(denied.reply()).isEqualTo(552);
            AccessEvent transfer = ftp.accessLog().await(e -> e.type() == EventType.TRANSFER, WAIT);
            assertThat(transfer.status()).isEqualTo(TransferStatus.FAILED);
            assertThat(transfer.kept()).isFalse();
        }

        @Test
        void aStoppedUploadIsCountedInTheDeniedCommandsMeter() throws Exception {
            try (RawUpload upload = RawUpload.start(ftp.port(), "/incoming/big.iso")) {
                upload.send(1 << 20);
                assertThat(upload.stoppedReply()).startsWith("552 ");
            }
            ftp.accessLog().await(e -> e.type() == EventType.DENIED, WAIT);
            assertThat(ftp.server().metrics().value("anonftp_commands_denied_total", "STOR", "too-large")).isEqualTo(1.0);
            assertThat(ftp.server().metrics().value("anonftp_commands_denied_total", "STOR", "name-denied")).isEqualTo(0.0);
        }

        @Test
        void storeUniqueIsBoundedAlike() throws Exception {
            FTPClient guest = ftp.anonymousClient();
            assertThat(guest.changeWorkingDirectory("/incoming")).isTrue();
            assertThat(guest.storeUniqueFile(new ByteArrayInputStream(new byte[100]))).isTrue();
            assertThat(AtomicUploadTest.names(ftp.uploads())).containsExactly("ftp.dat");
            try (RawUpload upload = RawUpload.startUnique(ftp.port(), "/incoming")) {
                upload.send(1 << 20);
                assertThat(upload.stoppedReply()).startsWith("552 Exceeded storage allocation");
            }
            assertThat(AtomicUploadTest.names(ftp.uploads())).containsExactly("ftp.dat");
        }

        @Test
        void anUploadOfExactlyTheCapIsStored() throws Exception {
            FTPClient guest = ftp.anonymousClient();
            assertThat(upload(guest, "/incoming/fits.bin", 64 * 1024)).isTrue();
            assertThat(Files.size(ftp.uploads().resolve("fits.bin"))).isEqualTo(64 * 1024);
        }
    }

    @Nested
    class Names {
        @RegisterExtension
        final AnonFtpServerExtension ftp = AnonFtpServerExtension.with(b -> b.uploads(UploadConfig.builder()
                .denyUploadNames("*.exe, *.php").build()));

        @Test
        void namesOutsideTheDefaultRuleGet553SayingWhatIsAllowed() throws Exception {
            FTPClient guest = ftp.anonymousClient();
            for (String name : new String[] {".htaccess", "-rf", "semi;colon", "star*", "tab\u00a0nbsp"}) {
                assertThat(upload(guest, "/incoming/" + name, 1)).as(name).isFalse();
                assertThat(guest.getReplyString()).as(name).isEqualTo("553 File name not allowed: use letters,"
                        + " digits, spaces and ._-+~,=@ only, not starting with . or -.\r\n");
            }
            AccessEvent denied = ftp.accessLog().await(e -> e.type() == EventType.DENIED, WAIT);
            assertThat(denied.reason()).isEqualTo("name-pattern");
            assertThat(denied.command()).isEqualTo("STOR");
            assertThat(AtomicUploadTest.names(ftp.uploads())).isEmpty();
        }

        @Test
        void lettersOfAnyScriptDigitsAndThePunctuationOfTheRuleAreFine() throws Exception {
            FTPClient guest = utf8Guest(ftp);
            try {
                assertThat(upload(guest, "/incoming/Résumé 2026_v1.2-final+~,=@x.txt", 1)).isTrue();
                assertThat(upload(guest, "/incoming/日本語.txt", 1)).isTrue();
            } finally {
                guest.disconnect();
            }
            assertThat(AtomicUploadTest.names(ftp.uploads())).containsExactlyInAnyOrder(
                    "Résumé 2026_v1.2-final+~,=@x.txt", "日本語.txt");
        }

        @Test
        void aDeniedGlobIsNamedInTheReplyInAnyCase() throws Exception {
            FTPClient guest = ftp.anonymousClient();
            assertThat(upload(guest, "/incoming/shell.PHP", 1)).isFalse();
            assertThat(guest.getReplyString()).isEqualTo("553 File name not allowed: names like *.php are refused"
                    + " here.\r\n");
            assertThat(ftp.accessLog().await(e -> e.type() == EventType.DENIED, WAIT).reason())
                    .isEqualTo("name-denied");
        }

        @Test
        void aNameOfMoreThan255BytesIsRefused() throws Exception {
            FTPClient guest = utf8Guest(ftp);
            try {
                assertThat(upload(guest, "/incoming/" + "é".repeat(127), 1)).as("254 bytes").isTrue();
                assertThat(upload(guest, "/incoming/" + "é".repeat(128), 1)).isFalse();
                assertThat(guest.getReplyString()).isEqualTo("553 File name not allowed: longer than 255 bytes.\r\n");
            } finally {
                guest.disconnect();
            }
        }
    }

    @Nested
    class AutoRename {
        @RegisterExtension
        final AnonFtpServerExtension ftp = AnonFtpServerExtension.with(b -> b.uploads(UploadConfig.builder()
                .uploadRename(true).uploadMode("0604").build()));

        @Test
        void anExistingNameStoresAsNameDot1ThenDot2AndTheReplyAndLogSaySo() throws Exception {
            Files.writeString(ftp.uploads().resolve("notes.txt"), "first");
            FTPClient guest = ftp.anonymousClient();
            assertThat(upload(guest, "/incoming/notes.txt", 3)).isTrue();
            assertThat(guest.getReplyString()).isEqualTo("226 Transfer complete; stored as /incoming/notes.txt.1.\r\n");
            AccessEvent transfer = ftp.accessLog().await(e -> e.type() == EventType.TRANSFER, WAIT);
            assertThat(transfer.path()).isEqualTo("/incoming/notes.txt");
            assertThat(transfer.stored()).isEqualTo("/incoming/notes.txt.1");
            assertThat(upload(guest, "/incoming/notes.txt", 4)).isTrue();
            assertThat(guest.getReplyString()).isEqualTo("226 Transfer complete; stored as /incoming/notes.txt.2.\r\n");
            assertThat(Files.readString(ftp.uploads().resolve("notes.txt"))).as("never overwritten").isEqualTo("first");
            assertThat(Files.size(ftp.uploads().resolve("notes.txt.1"))).isEqualTo(3);
            assertThat(Files.size(ftp.uploads().resolve("notes.txt.2"))).isEqualTo(4);
        }

        @Test
        void theConfiguredModeIsSetBeforeTheFileAppears() throws Exception {
            assertThat(upload(ftp.anonymousClient(), "/incoming/moded.txt", 1)).isTrue();
            assertThat(Files.getPosixFilePermissions(ftp.uploads().resolve("moded.txt")))
                    .containsExactlyInAnyOrderElementsOf(PosixFilePermissions.fromString("rw----r--"));
        }
    }

    @Nested
    class KeepPartialUploads {
        @RegisterExtension
        final AnonFtpServerExtension ftp = AnonFtpServerExtension.with(b -> b.uploads(UploadConfig.builder()
                .keepPartialUploads(true).build()));

        @Test
        void anAbortedUploadStaysUnderItsHiddenTemporaryNameAndTheLogSaysWhere() throws Exception {
            try (RawUpload upload = RawUpload.start(ftp.port(), "/incoming/partial.bin")) {
                upload.send(40_000);
                assertThat(upload.reset()).isEqualTo("426 Transfer aborted; the part was kept aside.\r\n");
            }
            AccessEvent transfer = ftp.accessLog().await(e -> e.type() == EventType.TRANSFER, WAIT);
            assertThat(transfer.kept()).isTrue();
            assertThat(transfer.status()).isEqualTo(TransferStatus.INCOMPLETE);
            assertThat(AtomicUploadTest.names(ftp.uploads())).containsExactly(transfer.stored().substring(
                    "/incoming/".length()));
            assertThat(transfer.stored()).startsWith("/incoming/.in.").endsWith(".partial.bin.part");
        }
    }

    @Nested
    class Group {
        final String group = otherGroup();
        @RegisterExtension
        final AnonFtpServerExtension ftp = AnonFtpServerExtension.with(b -> b.uploads(UploadConfig.builder()
                .uploadGroup(group).build()));

        @Test
        void storedFilesGetTheConfiguredGroup() throws Exception {
            assertThat(upload(ftp.anonymousClient(), "/incoming/grouped.txt", 1)).isTrue();
            GroupPrincipal actual = Files.readAttributes(ftp.uploads().resolve("grouped.txt"),
                    PosixFileAttributes.class).group();
            assertThat(actual.getName()).isEqualTo(group);
        }
    }

    /** A group the server's user may give files to other than its own: any group for root, else its own. */
    static String otherGroup() {
        try {
            Path probe = Files.createTempFile("anonftp-group", ".probe");
            try {
                String own = Files.readAttributes(probe, PosixFileAttributes.class).group().getName();
                boolean root = "root".equals(System.getProperty("user.name"));
                for (String candidate : new String[] {"daemon", "nogroup", "users"}) {
                    if (root && !candidate.equals(own) && Files.readAllLines(Path.of("/etc/group")).stream()
                            .anyMatch(line -> line.startsWith(candidate + ":"))) {
                        return candidate;
                    }
                }
                return own;
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

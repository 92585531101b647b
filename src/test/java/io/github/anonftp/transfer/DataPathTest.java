package io.github.anonftp.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.anonftp.accesslog.EventType;
import io.github.anonftp.accesslog.TransferStatus;
import io.github.anonftp.junit.AnonFtpServerExtension;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/**
 * Downloads and uploads through anonftp's data connection, byte for byte: binary (sent with sendfile),
 * ASCII with FtpServer's line-end conversion, REST offsets, empty and 100 MiB files, files changing while
 * they are sent.
 */
@Timeout(60)
class DataPathTest {

    static final int MIB = 1 << 20;

    @RegisterExtension
    static final AnonFtpServerExtension ftp = AnonFtpServerExtension.withDefaults();

    FTPClient client;

    FTPClient guest() throws IOException {
        client = TestArchive.guest(ftp.port());
        return client;
    }

    @AfterEach
    void close() {
        if (client != null) {
            TestArchive.quietly(client);
        }
    }

    static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 131 + seed + (i >> 9));
        }
        return bytes;
    }

    byte[] download(String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(client.retrieveFile(path, out)).as(client.getReplyString()).isTrue();
        return out.toByteArray();
    }

    @Test
    void binaryDownloadsAreExact() throws Exception {
        byte[] data = pattern(3 * MIB + 17, 1);
        ftp.file("pub/exact.bin", data);
        guest();
        assertThat(download("/pub/exact.bin")).isEqualTo(data);
        assertThat(client.getReplyString()).startsWith("226 Transfer complete.");
    }

    @Test
    void anEmptyFileDownloadsAsNothing() throws Exception {
        ftp.file("pub/empty.bin", new byte[0]);
        guest();
        assertThat(download("/pub/empty.bin")).isEmpty();
        assertThat(ftp.accessLog().await(e -> e.type() == EventType.TRANSFER && "/pub/empty.bin".equals(e.path()),
                Duration.ofSeconds(5))).satisfies(e -> {
                    assertThat(e.bytes()).isZero();
                    assertThat(e.status()).isEqualTo(TransferStatus.COMPLETE);
                });
    }

    @Test
    void restStartsTheDownloadAtTheOffset() throws Exception {
        byte[] data = pattern(2 * MIB, 2);
        ftp.file("pub/rest.bin", data);
        guest();
        for (long offset : new long[] {1, 4096, MIB + 3, 2 * MIB - 1, 2 * MIB}) {
            client.setRestartOffset(offset);
            assertThat(download("/pub/rest.bin")).as("REST %d", offset)
                    .isEqualTo(Arrays.copyOfRange(data, (int) offset, data.length));
        }
    }

    @Test
    void asciiDownloadsTurnLineFeedsIntoCrLf() throws Exception {
        ftp.file("pub/text.txt", "one\ntwo\r\nthree\n\nend".getBytes(StandardCharsets.US_ASCII));
        try (RawFtp raw = RawFtp.connect("127.0.0.1", ftp.port())) {
            raw.reply();
            raw.command("USER anonymous");
            raw.command("PASS tester@example.org");
            assertThat(raw.command("TYPE A")).startsWith("200");
            byte[] wire = rawDownload(raw, "RETR /pub/text.txt");
            assertThat(new String(wire, StandardCharsets.US_ASCII)).isEqualTo("one\r\ntwo\r\nthree\r\n\r\nend");
        }
    }

    /** The bytes on the wire of a transfer command, over a passive connection opened with PASV. */
    static byte[] rawDownload(RawFtp raw, String command) throws IOException {
        String pasv = raw.command("PASV");
        assertThat(pasv).startsWith("227 ");
        String[] numbers = pasv.substring(pasv.indexOf('(') + 1, pasv.indexOf(')')).split(",");
        int port = Integer.parseInt(numbers[4].trim()) * 256 + Integer.parseInt(numbers[5].trim());
        try (Socket data = new Socket("127.0.0.1", port)) {
            data.setSoTimeout(5000);
            raw.send(command + "\r\n");
            assertThat(raw.reply()).startsWith("150 ");
            byte[] bytes = data.getInputStream().readAllBytes();
            assertThat(raw.reply()).startsWith("226 ");
            return bytes;
        }
    }

    @Test
    void aHundredMebibyteFileDownloadsExactly() throws Exception {
        Path file = ftp.root().resolve("pub/100m.bin");
        Files.createDirectories(file.getParent());
        byte[] head = pattern(MIB, 3);
        byte[] middle = pattern(MIB, 4);
        byte[] tail = pattern(MIB, 5);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(100L * MIB); // sparse: quick to make
            raf.write(head);
            raf.seek(50L * MIB);
            raf.write(middle);
            raf.seek(99L * MIB);
            raf.write(tail);
        }
        guest();
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), expected)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        CountingOutputStream counted = new CountingOutputStream();
        try (InputStream in = client.retrieveFileStream("/pub/100m.bin")) {
            new DigestInputStream(in, received).transferTo(counted);
        }
        assertThat(client.completePendingCommand()).isTrue();
        assertThat(counted.count).isEqualTo(100L * MIB);
        assertThat(received.digest()).isEqualTo(expected.digest());
        Files.delete(file);
    }

    @Test
    void binaryAndAsciiUploadsAreExact() throws Exception {
        guest();
        byte[] data = pattern(5 * MIB + 1, 6);
        assertThat(client.storeFile("/incoming/up.bin", new ByteArrayInputStream(data))).isTrue();
        assertThat(ftp.read("up.bin")).isEqualTo(data);
        client.setFileType(FTP.ASCII_FILE_TYPE);
        // commons-net sends CRLF line ends in ASCII mode; the server stores its own (LF on Linux), as FtpServer does
        assertThat(client.storeFile("/incoming/up.txt",
                new ByteArrayInputStream("a\nb\nc".getBytes(StandardCharsets.US_ASCII)))).isTrue();
        assertThat(new String(ftp.read("up.txt"), StandardCharsets.US_ASCII))
                .isEqualTo("a" + System.lineSeparator() + "b" + System.lineSeparator() + "c");
    }

    @Test
    void aHundredMebibyteUploadIsExact() throws Exception {
        guest();
        byte[] block = pattern(MIB, 7);
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = client.storeFileStream("/incoming/100m.bin")) {
            for (int i = 0; i < 100; i++) {
                block[0] = (byte) i;
                sent.update(block);
                out.write(block);
            }
        }
        assertThat(client.completePendingCommand()).isTrue();
        Path stored = ftp.uploads().resolve("100m.bin");
        assertThat(Files.size(stored)).isEqualTo(100L * MIB);
        MessageDigest got = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(stored), got)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        assertThat(got.digest()).isEqualTo(sent.digest());
        Files.delete(stored);
    }

    @Test
    void aFileThatGrowsDuringTheDownloadIsSentToItsNewEnd() throws Exception {
        byte[] first = pattern(32 * MIB, 8);
        byte[] more = pattern(32 * MIB, 9);
        Path file = ftp.file("pub/grows.bin", first);
        guest();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (InputStream in = client.retrieveFileStream("/pub/grows.bin")) {
            received.write(in.readNBytes(MIB)); // the server is now blocked on a full socket, far from the end
            Files.write(file, more, java.nio.file.StandardOpenOption.APPEND);
            in.transferTo(received);
        }
        assertThat(client.completePendingCommand()).isTrue();
        byte[] both = Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, both, first.length, more.length);
        assertThat(received.toByteArray()).isEqualTo(both);
    }

    @Test
    void aFileThatShrinksDuringTheDownloadEndsAtItsNewEnd() throws Exception {
        byte[] data = pattern(64 * MIB, 10);
        Path file = ftp.file("pub/shrinks.bin", data);
        guest();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (InputStream in = client.retrieveFileStream("/pub/shrinks.bin")) {
            received.write(in.readNBytes(MIB));
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.setLength(32L * MIB);
            }
            in.transferTo(received);
        }
        assertThat(client.completePendingCommand()).isTrue();
        assertThat(received.toByteArray()).isEqualTo(Arrays.copyOf(data, 32 * MIB));
    }

    static final class CountingOutputStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}

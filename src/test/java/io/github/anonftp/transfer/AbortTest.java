package io.github.anonftp.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.anonftp.accesslog.AccessEvent;
import io.github.anonftp.accesslog.EventType;
import io.github.anonftp.accesslog.TransferStatus;
import io.github.anonftp.junit.AnonFtpServerExtension;
import io.github.anonftp.testing.RawFtp;

/**
 * A transfer stopped in the middle: by ABOR while the client does not read (FtpServer alone would only
 * run ABOR after the transfer, so it would hang), by a reset of the data or of the control connection.
 * Each ends the transfer at once, records it as incomplete with the bytes sent, and leaves no file
 * handle, socket or busy worker behind.
 */
@Timeout(60)
class AbortTest {

    static final int MIB = 1 << 20;

    @RegisterExtension
    final AnonFtpServerExtension ftp = AnonFtpServerExtension.withDefaults();

    @BeforeEach
    void bigFile() {
        ftp.file("pub/big.bin", new byte[64 * MIB]);
    }

    static long openFiles() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Waits (bounded) until the server's file handles and sockets are back to {@code before} or fewer. */
    static void assertNoLeaks(long before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long now = openFiles();
        while (now > before && System.nanoTime() < deadline) {
            Thread.sleep(50);
            now = openFiles();
        }
        assertThat(now).as("open file descriptors").isLessThanOrEqualTo(before);
        assertThat(Thread.getAllStackTraces().values()).as("threads inside a transfer")
                .noneMatch(stack -> Arrays.stream(stack).anyMatch(
                        frame -> frame.getClassName().equals(ChannelDataConnection.class.getName())));
    }

    static RawFtp guest(int port) throws IOException {
        RawFtp raw = RawFtp.connect("127.0.0.1", port);
        raw.reply();
        raw.command("USER anonymous");
        raw.command("PASS tester@example.org");
        raw.command("TYPE I");
        return raw;
    }

    static Socket passive(RawFtp raw) throws IOException {
        String pasv = raw.command("PASV");
        String[] numbers = pasv.substring(pasv.indexOf('(') + 1, pasv.indexOf(')')).split(",");
        Socket data = new Socket("127.0.0.1", Integer.parseInt(numbers[4].trim()) * 256
                + Integer.parseInt(numbers[5].trim()));
        data.setSoTimeout(5000);
        return data;
    }

    AccessEvent transferRecord() {
        return ftp.accessLog().await(e -> e.type() == EventType.TRANSFER, Duration.ofSeconds(5));
    }

    @Test
    void aborWhileTheClientDoesNotReadEndsTheTransferWith426Then226() throws Exception {
        long before = openFiles();
        try (RawFtp raw = guest(ftp.port()); Socket data = passive(raw)) {
            raw.send("RETR /pub/big.bin\r\n");
            assertThat(raw.reply()).startsWith("150 ");
            InputStream in = data.getInputStream();
            assertThat(in.readNBytes(MIB)).hasSize(MIB); // then stop reading: the server blocks on a full socket
            raw.send("ABOR\r\n");
            assertThat(raw.reply()).startsWith("426 ");
            assertThat(raw.reply()).isEqualTo("226 ABOR command successful.\r\n");
            assertThat(raw.command("NOOP")).startsWith("200 ");
        }
        AccessEvent record = transferRecord();
        assertThat(record.status()).isEqualTo(TransferStatus.INCOMPLETE);
        assertThat(record.bytes()).isBetween((long) MIB, 64L * MIB - 1);
        assertNoLeaks(before);
    }

    @Test
    void aResetDataConnectionEndsTheTransferWith426() throws Exception {
        long before = openFiles();
        try (RawFtp raw = guest(ftp.port())) {
            Socket data = passive(raw);
            raw.send("RETR /pub/big.bin\r\n");
            assertThat(raw.reply()).startsWith("150 ");
            data.getInputStream().readNBytes(MIB);
            data.setSoLinger(true, 0);
            data.close();
            assertThat(raw.reply()).startsWith("426 ");
            assertThat(raw.command("NOOP")).startsWith("200 ");
        }
        assertThat(transferRecord().status()).isEqualTo(TransferStatus.INCOMPLETE);
        assertNoLeaks(before);
    }

    @Test
    void aResetControlConnectionEndsTheTransfer() throws Exception {
        long before = openFiles();
        RawFtp raw = guest(ftp.port());
        try (Socket data = passive(raw)) {
            raw.send("RETR /pub/big.bin\r\n");
            assertThat(raw.reply()).startsWith("150 ");
            InputStream in = data.getInputStream();
            in.readNBytes(MIB);
            raw.reset();
            // the server closes the data connection: the rest arrives, then end of stream, well before 64 MiB
            long rest = in.transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(rest).isLessThan(63L * MIB);
        }
        assertThat(transferRecord().status()).isEqualTo(TransferStatus.INCOMPLETE);
        assertNoLeaks(before);
    }
}

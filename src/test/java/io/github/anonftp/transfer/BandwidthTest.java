package io.github.anonftp.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.TestArchive;

/**
 * Bandwidth caps measured with real transfers over loopback: per client (all transfers of one address
 * together, shared fairly), server-wide, per transfer. Each capped transfer is measured over 3 s after a
 * 0.5 s start; the caps are low (1–3 MiB/s) so that a busy machine still reaches them.
 */
@Timeout(60)
class BandwidthTest {

    static final int MIB = 1 << 20;
    static final InetAddress FIRST = address("127.0.0.1");
    static final InetAddress SECOND = address("127.0.0.2");
    static final Duration START = Duration.ofMillis(500);
    static final Duration WINDOW = Duration.ofSeconds(3);

    @TempDir
    Path root;
    @TempDir
    Path uploads;
    AnonFtpServer server;
    final List<FTPClient> clients = new ArrayList<>();
    final ExecutorService threads = Executors.newCachedThreadPool();

    static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void stop() {
        threads.shutdownNow();
        clients.forEach(TestArchive::quietly);
        if (server != null) {
            server.stop();
        }
    }

    void start(UnaryOperator<AnonymousConfig.Builder> guests, UnaryOperator<AnonFtpServer.Builder> settings)
            throws IOException {
        TestArchive.create(root);
        sparse(root.resolve("pub/big.bin"), 256L * MIB);
        server = settings.apply(AnonFtpServer.builder()
                .anonymous(guests.apply(TestArchive.guests(root).uploadDirectory(uploads)).build())).build();
        try {
            server.start();
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    static void sparse(Path file, long length) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(length);
        }
    }

    FTPClient guest(InetAddress source) throws IOException {
        FTPClient client = new FTPClient();
        clients.add(client);
        client.setConnectTimeout(5000);
        client.setDefaultTimeout(10000);
        client.connect("127.0.0.1", server.port(), source, 0);
        client.setSoTimeout(10000);
        client.enterLocalPassiveMode();
        client.setPassiveLocalIPAddress(source); // the data connection from the same address (IP check)
        assertThat(client.login("anonymous", "tester@example.org")).isTrue();
        client.setFileType(FTP.BINARY_FILE_TYPE);
        return client;
    }

    /** Bytes per second one download delivers in the window; the transfer is then abandoned. */
    Future<Double> measuredDownload(InetAddress source) throws IOException {
        FTPClient client = guest(source);
        return threads.submit(() -> {
            try (InputStream in = client.retrieveFileStream("/pub/big.bin")) {
                return rate(in);
            }
        });
    }

    static double rate(InputStream in) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long begin = System.nanoTime();
        long from = begin + START.toNanos();
        long to = from + WINDOW.toNanos();
        long counted = 0;
        long now;
        while ((now = System.nanoTime()) < to) {
            int read = in.read(buffer);
            if (read < 0) {
                throw new IOException("the download ended before the window did");
            }
            if (now >= from) {
                counted += read;
            }
        }
        return counted / (WINDOW.toNanos() / 1e9);
    }

    @Test
    void twoDownloadsOfOneClientShareItsCapFairlyAndAnotherClientGetsAllOfItsOwn() throws Exception {
        start(g -> g.maxDownloadRatePerClient(2 * MIB), s -> s);
        Future<Double> one = measuredDownload(FIRST);
        Future<Double> two = measuredDownload(FIRST);
        Future<Double> other = measuredDownload(SECOND);
        double a = one.get();
        double b = two.get();
        assertThat(a + b).isCloseTo(2.0 * MIB, within(0.15 * 2 * MIB));
        assertThat(a / (a + b)).as("share of the first download").isBetween(0.35, 0.65);
        assertThat(other.get()).as("the other client's rate").isCloseTo(2.0 * MIB, within(0.15 * 2 * MIB));
    }

    @Test
    void theServerWideCapIsSharedByAllClients() throws Exception {
        start(g -> g, s -> s.maxDownloadRate(3 * MIB));
        Future<Double> one = measuredDownload(FIRST);
        Future<Double> two = measuredDownload(SECOND);
        double a = one.get();
        double b = two.get();
        assertThat(a + b).isCloseTo(3.0 * MIB, within(0.15 * 3 * MIB));
        assertThat(a / (a + b)).as("share of the first client").isBetween(0.35, 0.65);
    }

    @Test
    void aPerTransferRateStillLimitsEachTransfer() throws Exception {
        start(g -> g.maxDownloadRate(MIB), s -> s);
        Future<Double> one = measuredDownload(FIRST);
        Future<Double> two = measuredDownload(FIRST);
        assertThat(one.get()).isCloseTo(1.0 * MIB, within(0.15 * MIB));
        assertThat(two.get()).isCloseTo(1.0 * MIB, within(0.15 * MIB));
    }

    @Test
    void uploadsOfOneClientShareItsUploadCap() throws Exception {
        start(g -> g.maxUploadRatePerClient(MIB), s -> s);
        List<Future<Double>> uploads = new ArrayList<>();
        for (String name : new String[] {"a.bin", "b.bin"}) {
            FTPClient client = guest(FIRST);
            uploads.add(threads.submit(() -> {
                try (OutputStream out = client.storeFileStream("/incoming/" + name)) {
                    return uploadRate(out);
                }
            }));
        }
        double a = uploads.get(0).get();
        double b = uploads.get(1).get();
        assertThat(a + b).isCloseTo(1.0 * MIB, within(0.15 * MIB));
        assertThat(a / (a + b)).isBetween(0.35, 0.65);
    }

    /** Bytes per second written in the window (the socket buffers fill first, hence the start time). */
    static double uploadRate(OutputStream out) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long from = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        long to = from + WINDOW.toNanos();
        long counted = 0;
        long now;
        while ((now = System.nanoTime()) < to) {
            out.write(buffer);
            if (now >= from) {
                counted += buffer.length;
            }
        }
        return counted / (WINDOW.toNanos() / 1e9);
    }
}

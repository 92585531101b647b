package io.github.anonftp.ftpserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/**
 * The server keeps serving other clients while one address hoards slow connections, and while a spray of
 * 20 000 connections from distinct addresses runs (64 at a time). Default limits throughout.
 */
@Timeout(180)
class UnderAttackTest {

    static final int SPRAY = 20_000;
    static final int CONCURRENCY = 64;

    @TempDir
    Path root;
    AnonFtpServer server;

    @BeforeEach
    void start() throws Exception {
        server = AnonFtpServer.builder().anonymous(TestArchive.guests(root).build()).build().start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** Logs in from 127.0.0.1 and lists /pub; returns how long it took. */
    private Duration loginAndList() throws Exception {
        long start = System.nanoTime();
        FTPClient client = TestArchive.guest(server.port());
        try {
            assertThat(client.listNames("/pub")).contains("README.txt");
        } finally {
            TestArchive.quietly(client);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Test
    void aClientIsServedWhileOneAddressHoardsSlowConnections() throws Exception {
        List<RawFtp> hoard = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                RawFtp slow = RawFtp.connect("127.0.0.1", server.port(), "127.0.9.9");
                assertThat(slow.reply()).startsWith("220 ");
                slow.send("USER anon"); // and never finish the line
                hoard.add(slow);
            }
            for (int i = 0; i < 20; i++) {
                try (RawFtp more = RawFtp.connect("127.0.0.1", server.port(), "127.0.9.9")) {
                    assertThat(more.reply()).startsWith("421 ");
                }
            }
            assertThat(loginAndList()).isLessThan(Duration.ofSeconds(2));
        } finally {
            for (RawFtp slow : hoard) {
                slow.close();
            }
        }
    }

    @Test
    void aClientIsServedWhileASprayOfDistinctAddressesRuns() throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger greeted = new AtomicInteger();
        ExecutorService spray = Executors.newFixedThreadPool(CONCURRENCY);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < CONCURRENCY; t++) {
            workers.add(spray.submit(() -> {
                for (int i = next.getAndIncrement(); i < SPRAY; i = next.getAndIncrement()) {
                    if (greetedFrom(source(i))) {
                        greeted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        try {
            while (next.get() < SPRAY / 10) {
                Thread.sleep(5);
            }
            Duration duringSpray = loginAndList();
            assertThat(next.get()).as("the spray was still running").isLessThan(SPRAY);
            for (Future<?> worker : workers) {
                worker.get(150, TimeUnit.SECONDS);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(duringSpray).isLessThan(Duration.ofSeconds(2));
            assertThat(greeted.get()).as("greeted of %d", SPRAY).isGreaterThanOrEqualTo(SPRAY * 99 / 100);
            assertThat(SPRAY / seconds).as("spray connections per second").isGreaterThanOrEqualTo(150);
            assertThat(server.rateLimiter().stats().trackedClients()).isLessThanOrEqualTo(100_000);
        } finally {
            spray.shutdownNow();
        }
    }

    /** 127.1.0.1 .. 127.1.78.x: every connection its own loopback address. */
    private static String source(int i) {
        return "127.1." + (i / 250) + "." + (i % 250 + 1);
    }

    private boolean greetedFrom(String source) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            return in.read() == '2' && in.read() == '2' && in.read() == '0';
        } catch (Exception e) {
            return false;
        }
    }
}

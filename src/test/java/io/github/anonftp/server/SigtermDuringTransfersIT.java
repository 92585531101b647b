package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.testing.JsonRecords;
import io.github.anonftp.testing.ServerProcess;
import io.github.anonftp.testing.TestArchive;

/**
 * A crash-safe stop: SIGTERM to the runnable jar while 50 clients download in a loop. Every transfer a client saw
 * complete ({@code 226}) has its access record after the JVM exited.
 */
@Timeout(120)
class SigtermDuringTransfersIT {

    private static final int CLIENTS = 50;

    @TempDir
    Path work;

    @Test
    void noCompletedTransferLosesItsRecord() throws Exception {
        Path root = TestArchive.create(Files.createDirectories(work.resolve("root")));
        Files.write(root.resolve("pub/big.bin"), new byte[256 * 1024]);
        Path log = work.resolve("access.jsonl");
        Map<Integer, AtomicInteger> completedByPort = new ConcurrentHashMap<>();
        AtomicInteger loggedIn = new AtomicInteger();
        List<Thread> clients = new ArrayList<>();
        try (ServerProcess server = ServerProcess.jar(work, List.of(), "--port", "0", "--root", root.toString(),
                "--access-log", log.toString(), "--max-sessions-per-ip", "0", "--connections-per-minute-per-ip", "0",
                "--commands-per-second", "0", "--max-anonymous-sessions", "0", "--passive-ports", "40000-40199")) {
            CountDownLatch ready = new CountDownLatch(CLIENTS);
            for (int i = 0; i < CLIENTS; i++) {
                Thread client = new Thread(() -> download(server.port(), completedByPort, loggedIn, ready));
                client.start();
                clients.add(client);
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("50 clients logged in").isTrue();
            Thread.sleep(1000); // transfers under way, some finished, many in flight
            assertThat(server.terminate()).isEqualTo(143);
        }
        for (Thread client : clients) {
            client.join(20_000);
        }
        int seen = completedByPort.values().stream().mapToInt(AtomicInteger::get).sum();
        assertThat(seen).as("transfers completed before the stop").isGreaterThan(CLIENTS);
        Map<Integer, Long> recorded = JsonRecords.events(Files.readAllLines(log), "transfer").stream()
                .filter(transfer -> "complete".equals(transfer.get("status")))
                .collect(Collectors.groupingBy(transfer -> ((Number) transfer.get("port")).intValue(),
                        Collectors.counting()));
        completedByPort.forEach((port, completed) -> assertThat(recorded.getOrDefault(port, 0L))
                .as("complete transfer records of the client on port %d", port)
                .isGreaterThanOrEqualTo(completed.get()));
    }

    /** Logs in and downloads until the server goes away, counting each 226 under the control connection's port. */
    private static void download(int port, Map<Integer, AtomicInteger> completedByPort, AtomicInteger loggedIn,
            CountDownLatch ready) {
        FTPClient ftp = new FTPClient();
        try {
            ftp.setConnectTimeout(5000);
            ftp.setDefaultTimeout(10_000);
            ftp.connect("127.0.0.1", port);
            ftp.setSoTimeout(10_000);
            ftp.enterLocalPassiveMode();
            if (!ftp.login("anonymous", "load@example.org")) {
                return;
            }
            ftp.setFileType(FTP.BINARY_FILE_TYPE);
            AtomicInteger completed = completedByPort.computeIfAbsent(ftp.getLocalPort(), p -> new AtomicInteger());
            loggedIn.incrementAndGet();
            ready.countDown();
            while (ftp.retrieveFile("/pub/big.bin", OutputStream.nullOutputStream())) {
                completed.incrementAndGet();
            }
        } catch (IOException e) {
            // the server stopped
        } finally {
            ready.countDown();
            try {
                ftp.disconnect();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}

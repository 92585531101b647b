package io.github.anonftp.dropbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.Upload;
import io.github.anonftp.anonymous.UploadConfig;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RawUpload;

/** The upload hook: a command and Java listeners run after the file is in place; a failure quarantines it. */
@Timeout(60)
class UploadHookTest {

    @TempDir
    Path root;
    @TempDir
    Path incoming;
    @TempDir
    Path quarantine;
    @TempDir
    Path scripts;

    Path script(String name, String body) throws Exception {
        Path script = scripts.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    AnonFtpServer server(UploadConfig.Builder uploads, AnonFtpServer.Builder server) throws Exception {
        return server.anonymous(AnonymousConfig.builder().homeDirectory(root).uploadDirectory(incoming)
                .uploads(uploads.build()).build()).build().start();
    }

    static void upload(AnonFtpServer server, String path, int size) throws Exception {
        try (RawUpload upload = RawUpload.start(server.port(), path)) {
            upload.send(size);
            assertThat(upload.finish()).startsWith("226 ");
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never happened: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void theCommandGetsThePathAndTheEnvironmentMappedByThePrivacyModesAndAnAcceptedFileStays() throws Exception {
        Path out = scripts.resolve("seen.txt");
        Path accept = script("accept.sh", "echo \"$1|$ANONFTP_PATH|$ANONFTP_SIZE|$ANONFTP_CLIENT|$ANONFTP_EMAIL\" > "
                + out + ".tmp && mv " + out + ".tmp " + out);
        try (AnonFtpServer server = server(UploadConfig.builder().onUpload(accept.toString()),
                AnonFtpServer.builder().accessLog(AccessLogConfig.builder().destination("none")
                        .addressPrivacy("mask").ipPrivacy("truncate").build()))) {
            upload(server, "/incoming/scan-me.txt", 1234);
            await("the hook ran", () -> Files.exists(out));
        }
        Path stored = incoming.resolve("scan-me.txt").toRealPath();
        assertThat(Files.readString(out).strip()).isEqualTo(stored + "|" + stored + "|1234|127.0.0.0|g***@example.org");
        assertThat(stored).exists();
    }

    @Test
    void aNonZeroExitMovesTheFileToQuarantine() throws Exception {
        Path reject = script("reject.sh", "exit 3");
        try (AnonFtpServer server = server(UploadConfig.builder().onUpload(reject.toString())
                .quarantineDirectory(quarantine), AnonFtpServer.builder())) {
            upload(server, "/incoming/virus.txt", 10);
            await("the file was quarantined", () -> Files.exists(quarantine.resolve("virus.txt")));
            assertThat(incoming.resolve("virus.txt")).doesNotExist();
        }
    }

    @Test
    void aCommandThatRunsTooLongIsKilledAndTheFileDeletedWithoutAQuarantine() throws Exception {
        Path pid = scripts.resolve("pid");
        Path slow = script("slow.sh", "echo $$ > " + pid + ".tmp && mv " + pid + ".tmp " + pid + "; exec sleep 600");
        try (AnonFtpServer server = server(UploadConfig.builder().onUpload(slow.toString())
                .onUploadTimeout(Duration.ofMillis(300)), AnonFtpServer.builder())) {
            upload(server, "/incoming/slow.txt", 10);
            await("the hook started", () -> Files.exists(pid));
            await("the file was deleted", () -> !Files.exists(incoming.resolve("slow.txt")));
            long hook = Long.parseLong(Files.readString(pid).strip());
            await("the hook was killed", () -> ProcessHandle.of(hook).map(p -> !p.isAlive()).orElse(true));
        }
    }

    @Test
    void javaListenersHearOfStoredUploadsOffTheFtpThreadsAndOneThatThrowsRejectsTheFile() throws Exception {
        List<Upload> heard = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (AnonFtpServer server = server(UploadConfig.builder().quarantineDirectory(quarantine),
                AnonFtpServer.builder().uploadListener(upload -> {
                    heard.add(upload);
                    threads.add(Thread.currentThread().getName());
                    if (upload.path().endsWith(".bad")) {
                        throw new IllegalStateException("refused by the test");
                    }
                }))) {
            upload(server, "/incoming/fine.txt", 5);
            upload(server, "/incoming/x.bad", 6);
            await("both heard", () -> heard.size() == 2);
            await("the bad one quarantined", () -> Files.exists(quarantine.resolve("x.bad")));
        }
        assertThat(heard).extracting(Upload::path).containsExactly("/incoming/fine.txt", "/incoming/x.bad");
        assertThat(heard.get(0).size()).isEqualTo(5);
        assertThat(heard.get(0).client()).isEqualTo("127.0.0.1");
        assertThat(heard.get(0).email()).isEqualTo("guest@example.org");
        assertThat(threads).allMatch(name -> name.startsWith("anonftp-upload-hook-"));
        assertThat(incoming.resolve("fine.txt")).exists();
        assertThat(incoming.resolve("x.bad")).doesNotExist();
    }

    @Test
    void aFullHookQueueDropsTheCheckCountsItAndNeverHoldsAnUpload() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<String> heard = new CopyOnWriteArrayList<>();
        AnonFtpServer.Builder builder = AnonFtpServer.builder()
                .rateLimit(RateLimitConfig.builder().commandRate("0").build()) // 105 uploads in a second or two
                .uploadListener(upload -> {
                    heard.add(upload.path());
                    release.await();
                });
        try (AnonFtpServer server = server(UploadConfig.builder(), builder)) {
            FTPClient guest = new FTPClient();
            guest.setDefaultTimeout(5000);
            guest.connect("127.0.0.1", server.port());
            guest.enterLocalPassiveMode();
            assertThat(guest.login("anonymous", "guest@example.org")).isTrue();
            int uploads = 2 + 100 + 3; // two running, a hundred queued, three past the queue
            for (int i = 0; i < uploads; i++) {
                assertThat(guest.storeFile("/incoming/f" + i, new ByteArrayInputStream(new byte[] {1})))
                        .as("upload %d", i).isTrue();
            }
            guest.disconnect();
            assertThat(server.dropBox().orElseThrow().droppedHookRuns()).isEqualTo(3);
            release.countDown();
            await("the queued checks ran", () -> heard.size() == 102);
        }
        try (var files = Files.list(incoming)) {
            assertThat(files.count()).as("unchecked uploads are kept").isEqualTo(105);
        }
    }
}

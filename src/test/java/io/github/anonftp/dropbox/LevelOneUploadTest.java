package io.github.anonftp.dropbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.listener.ListenerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.accesslog.AccessEvent;
import io.github.anonftp.accesslog.AccessLog;
import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.accesslog.EventType;
import io.github.anonftp.accesslog.InMemoryAccessLogWriter;
import io.github.anonftp.accesslog.JsonLinesFormat;
import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.AnonymousFileSystemFactory;
import io.github.anonftp.anonymous.AnonymousUserManager;
import io.github.anonftp.anonymous.UploadConfig;
import io.github.anonftp.ftpserver.AnonFtplet;
import io.github.anonftp.testing.RawUpload;

/**
 * The drop box behind FtpServer's own listener (integration level 1): FtpServer's texts for stopped uploads, but
 * the same bounds, nothing kept, and the true reason in the access log.
 */
@Timeout(30)
class LevelOneUploadTest {

    @TempDir
    Path root;
    FtpServer server;
    int port;
    AccessLog log;
    final List<AccessEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        Path home = Files.createDirectories(root.resolve("home"));
        Path incoming = Files.createDirectories(root.resolve("incoming"));
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        factory.addListener("default", listener.createListener());
        factory.setUserManager(new AnonymousUserManager(AnonymousConfig.builder().homeDirectory(home)
                .uploadDirectory(incoming).uploads(UploadConfig.builder().maxUploadSize("64KiB").build()).build()));
        factory.setFileSystem(new AnonymousFileSystemFactory());
        log = new AccessLog(new JsonLinesFormat(256), e -> e, new InMemoryAccessLogWriter(), 1024);
        log.addListener(events::add);
        Map<String, Ftplet> ftplets = new LinkedHashMap<>();
        ftplets.put("anonftp", AnonFtplet.builder().accessLog(log, AccessLogConfig.builder().build()).build());
        factory.setFtplets(ftplets);
        server = factory.createServer();
        server.start();
        port = factory.getListener("default").getPort();
    }

    @AfterEach
    void stop() {
        server.stop();
        log.close();
    }

    private Path incoming() {
        return root.resolve("incoming");
    }

    @Test
    void anUploadPastTheCapIsStoppedAndRemovedAndTheLogSaysWhy() throws Exception {
        try (RawUpload upload = RawUpload.start(port, "/incoming/big.iso")) {
            upload.send(1 << 20);
            assertThat(upload.stoppedReply()).isEqualTo("551 /incoming/big.iso: Error on output file.\r\n");
        }
        assertThat(AtomicUploadTest.names(incoming())).isEmpty();
        log.close(); // writes out what is queued
        AccessEvent denied = events.stream().filter(e -> e.type() == EventType.DENIED).findFirst().orElseThrow();
        assertThat(denied.reason()).isEqualTo("too-large");
        assertThat(denied.reply()).as("the code this client saw").isEqualTo(551);
    }

    @Test
    void aResetUploadLeavesNothing() throws Exception {
        try (RawUpload upload = RawUpload.start(port, "/incoming/crash.bin")) {
            upload.send(30_000);
            assertThat(upload.reset()).startsWith("426 ");
        }
        assertThat(AtomicUploadTest.names(incoming())).isEmpty();
    }

    @Test
    void aCompleteUploadAppearsUnderItsName() throws Exception {
        try (RawUpload upload = RawUpload.start(port, "/incoming/fine.bin")) {
            upload.send(1000);
            assertThat(upload.finish()).isEqualTo("226 Transfer complete.\r\n");
        }
        assertThat(AtomicUploadTest.names(incoming())).containsExactly("fine.bin");
    }
}

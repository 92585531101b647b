package io.github.anonftp.dropbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.UploadConfig;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RawUpload;

/**
 * The free-space floor on a real, small file system: an 8 MiB tmpfs this test mounts. Mounting needs root, as in
 * CI (.ci/run runs the suite as root); elsewhere the test cannot run and says so.
 */
@Timeout(60)
class FreeSpaceFloorTest {

    @TempDir
    Path temporary;
    Path mount;
    Path incoming;

    @BeforeEach
    void mountTmpfs() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().orElse("").equals("root"),
                "mounting a tmpfs needs root (CI runs as root)");
        mount = Files.createDirectory(temporary.resolve("small-disk"));
        run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString());
        incoming = Files.createDirectory(mount.resolve("incoming"));
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            run("umount", mount.toString());
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }

    private AnonFtpServer server(UploadConfig uploads) throws Exception {
        return AnonFtpServer.builder().anonymous(AnonymousConfig.builder()
                .homeDirectory(Files.createDirectories(temporary.resolve("root"))).uploadDirectory(incoming)
                .uploads(uploads).build()).build().start();
    }

    @Test
    void anUploadThatWouldCrossTheFloorIsStoppedWith452AndRemovedAndBelowItStorIsRefused() throws Exception {
        try (AnonFtpServer server = server(UploadConfig.builder().minFreeSpace("5MiB").build())) {
            try (RawUpload upload = RawUpload.start(server.port(), "/incoming/fits.bin")) {
                assertThat(upload.send(2 << 20)).isTrue();
                assertThat(upload.finish()).startsWith("226 ");
            }
            try (RawUpload upload = RawUpload.start(server.port(), "/incoming/crosses.bin")) {
                upload.send(2 << 20);
                assertThat(upload.stoppedReply()).isEqualTo("452 Insufficient storage space; try again later.\r\n");
            }
            assertThat(names()).containsExactly("fits.bin");
            Files.write(incoming.resolve("operator-filler.bin"), new byte[3 << 19]); // 1.5 MiB: below the floor
            try (RawUpload upload = RawUpload.start(server.port(), "/incoming/refused.bin")) {
                assertThat(upload.startReply()).as("refused before any data connection")
                        .isEqualTo("452 Insufficient storage space; try again later.\r\n");
            }
            assertThat(names()).containsExactly("fits.bin", "operator-filler.bin");
        }
    }

    @Test
    void theAutomaticFloorOnASmallDiskIsFivePercentOfIt() throws Exception {
        try (AnonFtpServer server = server(UploadConfig.defaults())) {
            assertThat(server.dropBox().orElseThrow().floor()).isEqualTo((8L << 20) / 20);
            try (RawUpload upload = RawUpload.start(server.port(), "/incoming/most.bin")) {
                assertThat(upload.send(7 << 20)).isTrue();
                assertThat(upload.finish()).startsWith("226 ");
            }
            try (RawUpload upload = RawUpload.start(server.port(), "/incoming/rest.bin")) {
                upload.send(1 << 20);
                assertThat(upload.stoppedReply()).startsWith("452 ");
            }
        }
        assertThat(names()).containsExactly("most.bin");
    }

    private List<String> names() throws IOException {
        return AtomicUploadTest.names(incoming);
    }
}

package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.anonymous.UploadConfig;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.testing.RawUpload;
import picocli.CommandLine;

/** The drop-box flags: each reaches its setting, and a bad value names the setting, the value and what is valid. */
@Timeout(30)
class DropBoxFlagsTest {

    @TempDir
    Path dir;

    static String error(String... args) {
        CommandLineTest.Run run = CommandLineTest.run(args);
        assertThat(run.code()).isEqualTo(2);
        return run.err().strip();
    }

    @Test
    void helpListsTheDropBoxFlags() {
        assertThat(CommandLineTest.run("--help").out()).contains("--max-upload-size", "--min-free-space",
                "--max-dropbox-size", "--upload-quota-per-ip", "--upload-files-per-ip", "--upload-name-pattern",
                "--deny-upload-names", "--upload-rename", "--upload-mode", "--upload-group", "--on-upload",
                "--on-upload-timeout", "--quarantine", "--keep-partial-uploads");
    }

    @Test
    void badValuesNameTheSettingTheValueAndWhatIsValid() throws Exception {
        Path incoming = Files.createDirectory(dir.resolve("incoming"));
        String[] base = {"--port", "0", "--root", dir.toString(), "--incoming", incoming.toString()};
        assertThat(error(concat(base, "--max-upload-size", "10XB"))).isEqualTo("anonftp-server:"
                + " anonymous.maxUploadSize:"
                + " \"10XB\" is not valid; expected a whole number of bytes, optionally with a unit: 512KiB, 10MiB,"
                + " 1GiB, 500kB, 2MB");
        assertThat(error(concat(base, "--upload-quota-per-ip", "1GiB"))).isEqualTo("anonftp-server:"
                + " rateLimit.uploadQuotaPerClient: \"1GiB\" is not valid; expected a quota such as 1GiB/1d or"
                + " 500MiB/12h (size/period), or 0 for none");
        assertThat(error(concat(base, "--upload-files-per-ip", "many/1d"))).startsWith("anonftp-server:"
                + " rateLimit.uploadFilesPerClient: \"many/1d\" is not valid; expected a rate such as 60/1m");
        assertThat(error(concat(base, "--upload-mode", "0999"))).isEqualTo("anonftp-server: anonymous.uploadMode:"
                + " \"0999\" is not valid; expected octal permission bits such as 0640 or 600");
        assertThat(error(concat(base, "--upload-name-pattern", "[a-z"))).startsWith("anonftp-server:"
                + " anonymous.uploadNamePattern: \"[a-z\" is not valid; expected a Java regular expression");
        assertThat(error(concat(base, "--upload-group", "no-such-group-here"))).startsWith("anonftp-server:"
                + " anonymous.uploadGroup: \"no-such-group-here\" is not valid; expected a group of this system");
        assertThat(error(concat(base, "--on-upload", dir.resolve("missing.sh") + " --fast"))).startsWith(
                "anonftp-server: anonymous.onUpload: \"" + dir.resolve("missing.sh") + " --fast\" is not valid;");
        assertThat(error(concat(base, "--quarantine", incoming.toString()))).isEqualTo("anonftp-server:"
                + " anonymous.quarantineDirectory: \"" + incoming + "\" is not valid; expected a directory other"
                + " than anonymous.uploadDirectory");
        assertThat(error(concat(base, "--min-free-space", "-1"))).startsWith("anonftp-server:"
                + " anonymous.minFreeSpace: \"-1\" is not valid");
    }

    @Test
    void theFlagsReachTheirSettings() throws Exception {
        Path incoming = Files.createDirectory(dir.resolve("incoming"));
        Path quarantine = Files.createDirectory(dir.resolve("quarantine"));
        ServerCommand command = new ServerCommand(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
        new CommandLine(command).parseArgs("--port", "0", "--root", dir.toString(), "--incoming", incoming.toString(),
                "--max-upload-size", "100MiB", "--min-free-space", "2GiB", "--max-dropbox-size", "20GiB",
                "--upload-quota-per-ip", "1GiB/1d", "--upload-files-per-ip", "100/1d", "--deny-upload-names",
                "*.exe,*.php", "--upload-rename", "--upload-mode", "600", "--on-upload", "true",
                "--on-upload-timeout", "5s", "--quarantine", quarantine.toString(), "--keep-partial-uploads");
        try (AnonFtpServer server = command.buildServer()) {
            UploadConfig uploads = server.anonymous().uploads();
            assertThat(uploads.maxUploadSize()).isEqualTo(100L << 20);
            assertThat(uploads.minFreeSpace()).isEqualTo(2L << 30);
            assertThat(uploads.maxDropBoxSize()).isEqualTo(20L << 30);
            assertThat(uploads.denyUploadNames()).containsExactly("*.exe", "*.php");
            assertThat(uploads.uploadRename()).isTrue();
            assertThat(uploads.keepPartialUploads()).isTrue();
            assertThat(uploads.uploadMode()).isEqualTo(0600);
            assertThat(uploads.onUpload()).isEqualTo("true");
            assertThat(uploads.onUploadTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(uploads.quarantineDirectory()).isEqualTo(quarantine);
            RateLimitConfig limits = server.rateLimiter().config();
            assertThat(limits.uploadQuotaPerClient()).hasToString("1073741824/1d");
            assertThat(limits.uploadFilesPerClient()).hasToString("100/1d");
            server.start();
            try (RawUpload upload = RawUpload.start(server.port(), "/incoming/tool.EXE")) {
                assertThat(upload.startReply()).isEqualTo("553 File name not allowed: names like *.exe are refused"
                        + " here.\r\n");
            }
        }
    }

    private static String[] concat(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

}

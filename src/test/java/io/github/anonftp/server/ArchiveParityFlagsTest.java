package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;
import io.github.anonftp.testing.TestKeystore;
import picocli.CommandLine;

/**
 * The runnable server's archive-parity flags, parsed as the command line parses them and served for real: banner,
 * directory and login messages, hidden and denied files, and an xferlog next to the JSON access log.
 */
@Timeout(30)
class ArchiveParityFlagsTest {

    @TempDir
    Path dir;
    AnonFtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static AnonFtpServer build(String... args) throws Exception {
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        ServerCommand command = new ServerCommand(out, out);
        new CommandLine(command).parseArgs(args);
        return command.buildServer();
    }

    @Test
    void messagesAndFileRulesFromTheCommandLine() throws Exception {
        Path root = TestArchive.create(dir.resolve("root"));
        Files.writeString(root.resolve("pub/.message"), "This is pub.\n");
        Files.writeString(root.resolve("pub/draft.tmp"), "draft\n");
        Files.writeString(root.resolve("pub/site.key"), "key\n");
        Path welcome = Files.writeString(dir.resolve("welcome.txt"), "Hello, guest.\n");
        server = build("--port", "0", "--root", root.toString(), "--access-log", "none",
                "--banner", "Welcome to the test archive", "--dir-message", ".message",
                "--login-message-file", welcome.toString(), "--hide-files", ".*,*.tmp", "--deny-files", "*.key")
                .start();
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", server.port())) {
            assertThat(ftp.reply()).isEqualTo("220 Welcome to the test archive\r\n");
            ftp.command("USER anonymous");
            assertThat(ftp.command("PASS jane@example.org")).startsWith("230-Hello, guest.\r\n");
            assertThat(ftp.command("CWD /pub")).startsWith("250-This is pub.\r\n250 ");
            assertThat(ftp.command("STAT -a /pub")).contains("README.txt")
                    .doesNotContain(".message", "draft.tmp", "site.key");
            assertThat(ftp.command("SIZE draft.tmp")).isEqualTo("213 6\r\n");
            assertThat(ftp.command("SIZE site.key")).startsWith("550 ");
        }
    }

    @Test
    void tlsFromTheCommandLine() throws Exception {
        Path keystore = TestKeystore.create(dir.resolve("server.p12"));
        Path password = TestKeystore.passwordFile(dir.resolve("password"));
        server = build("--port", "0", "--root", TestArchive.create(dir.resolve("root")).toString(), "--access-log",
                "none", "--tls-keystore", keystore.toString(), "--tls-keystore-password-file", password.toString(),
                "--anonymous-tls", "required").start();
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", server.port())) {
            ftp.reply();
            assertThat(ftp.command("USER anonymous"))
                    .isEqualTo("530 Anonymous sessions must use encryption (AUTH TLS).\r\n");
            assertThat(ftp.command("AUTH TLS")).startsWith("234 ");
        }
    }

    @Test
    void requiredTlsWithoutAKeystoreIsAConfigurationError() {
        CommandLineTest.Run run = CommandLineTest.run("--port", "0", "--root", dir.toString(), "--anonymous-tls",
                "required");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("anonftp-server: anonymous.tls: \"REQUIRED\" is not valid; expected OPTIONAL"
                + " without TLS; set server.tlsKeystore and server.tlsKeystorePasswordFile for REQUIRED"
                + System.lineSeparator());
        CommandLineTest.Run typo = CommandLineTest.run("--port", "0", "--root", dir.toString(), "--anonymous-tls",
                "always");
        assertThat(typo.err()).contains("anonymous.tls: \"always\" is not valid; expected one of OPTIONAL, REQUIRED");
    }

    @Test
    void helpListsTheArchiveParityFlags() {
        CommandLineTest.Run help = CommandLineTest.run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--hide-files", "--deny-files", "--banner", "--banner-file", "--dir-message",
                "--login-message-file", "--xferlog", "--tls-keystore", "--tls-keystore-password-file",
                "--anonymous-tls");
    }

    @Test
    void bannerAndBannerFileExcludeEachOther() {
        CommandLineTest.Run run = CommandLineTest.run("--port", "0", "--root", dir.toString(), "--banner", "x",
                "--banner-file", dir.resolve("b.txt").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--banner and --banner-file exclude each other");
    }

    @Test
    void xferlogNextToTheJsonAccessLog() throws Exception {
        Path root = TestArchive.create(dir.resolve("root"));
        Path json = dir.resolve("access.jsonl");
        Path xferlog = dir.resolve("xferlog");
        server = build("--port", "0", "--root", root.toString(), "--access-log", json.toString(),
                "--xferlog", xferlog.toString()).start();
        FTPClient guest = TestArchive.guest(server.port());
        try {
            assertThat(guest.retrieveFile("/pub/data.bin", new ByteArrayOutputStream())).isTrue();
        } finally {
            TestArchive.quietly(guest);
        }
        server.stop();
        List<String> records = Files.readAllLines(json, StandardCharsets.UTF_8);
        assertThat(records).anyMatch(line -> line.contains("\"event\":\"login\""))
                .anyMatch(line -> line.contains("\"event\":\"transfer\"") && line.contains("/pub/data.bin"));
        List<String> transfers = Files.readAllLines(xferlog, StandardCharsets.UTF_8);
        assertThat(transfers).hasSize(1);
        assertThat(transfers.get(0)).contains(" 1024 /pub/data.bin b _ o a tester@example.org ftp 0 * c");
        assertThat(server.accessLog().destinationStats()).extracting(s -> s.written()).containsExactly(
                (long) records.size(), 1L);
    }
}

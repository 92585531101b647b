package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/** The runnable jar as a user runs it: {@code java -jar target/anonftp-server.jar ...}. */
@Timeout(120)
class ServerJarIT {

    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9.]+):(\\d+)");

    @TempDir
    Path work;
    Process process;
    final List<String> output = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private final List<String> jvmOptions = new ArrayList<>();

    private ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar",
                Path.of(System.getProperty("anonftp.serverJar", "target/anonftp-server.jar")).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(work.toFile());
    }

    /** Starts the server and returns its port, read from the "listening on" line. */
    private int startServer(String... args) throws Exception {
        process = java(args).redirectError(work.resolve("stderr.txt").toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            output.add(line);
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                return Integer.parseInt(listening.group(2));
            }
        }
        throw new AssertionError("the server printed no 'listening on' line; stdout " + output + ", stderr "
                + Files.readString(work.resolve("stderr.txt")));
    }

    @Test
    void theDefaultServerCreatesASampleRootAndSpeaksTheSeedDialogue() throws Exception {
        int port = startServer("--port", "0");
        assertThat(output).contains("created a sample root at ./ftp-root (pub/README.txt); serve your own with --root DIR");
        assertThat(output.get(output.size() - 1)).isEqualTo("listening on 127.0.0.1:" + port);
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
            assertThat(ftp.reply()).startsWith("220 ");
            assertThat(ftp.command("USER anonymous"))
                    .isEqualTo("331 Guest login ok, send your complete e-mail address as password.\r\n");
            assertThat(ftp.command("PASS user@example.com"))
                    .isEqualTo("230 Guest login ok, access restrictions apply.\r\n");
        }
        assertThat(work.resolve("ftp-root/pub/README.txt")).exists();
    }

    @Test
    void sigtermStopsTheServerCleanly() throws Exception {
        int port = startServer("--port", "0", "--root", TestArchive.create(Files.createDirectories(work.resolve("r")))
                .toString());
        process.destroy(); // SIGTERM
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(143);
        assertThat(refused(port)).as("port closed after stop").isTrue();
        assertThat(Files.readString(work.resolve("stderr.txt"))).doesNotContain("Exception");
    }

    private static boolean refused(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }

    @Test
    void rootAndIncomingFlagsServeTheArchiveAndTheDropBox() throws Exception {
        Path root = TestArchive.create(Files.createDirectories(work.resolve("archive")));
        Path incoming = Files.createDirectories(work.resolve("uploads"));
        int port = startServer("--port", "0", "--root", root.toString(), "--incoming", incoming.toString());
        FTPClient guest = TestArchive.guest(port);
        try {
            assertThat(guest.listNames("/pub")).contains("README.txt");
            assertThat(guest.storeFile("/incoming/new.txt", new java.io.ByteArrayInputStream(new byte[] {1}))).isTrue();
            assertThat(incoming.resolve("new.txt")).exists();
            assertThat(guest.listNames("/incoming")).isNull();
        } finally {
            TestArchive.quietly(guest);
        }
    }

    @Test
    void theAccessLogFileGetsOneJsonRecordPerEventAndPrivacyApplies() throws Exception {
        Path log = work.resolve("access.jsonl");
        int port = startServer("--port", "0", "--access-log", log.toString(), "--address-privacy", "mask");
        FTPClient guest = TestArchive.connect(port);
        try {
            assertThat(guest.login("anonymous", "jane.doe@example.org")).isTrue();
        } finally {
            TestArchive.quietly(guest);
        }
        process.destroy();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(log);
        assertThat(io.github.anonftp.testing.JsonRecords.events(lines, "login")).singleElement()
                .satisfies(login -> assertThat(login).containsEntry("email", "j***@example.org"));
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("jane.doe"));
        assertThat(io.github.anonftp.testing.JsonRecords.events(lines, "logout")).hasSize(1);
    }

    @Test
    void maxSessionsPerIpRefusesTheConnectionPastTheLimitBeforeTheGreeting() throws Exception {
        int port = startServer("--port", "0", "--max-sessions-per-ip", "2");
        // One at a time: connections that arrive together are admitted in whatever order the workers run.
        try (RawFtp one = RawFtp.connect("127.0.0.1", port, "127.0.0.2")) {
            assertThat(one.reply()).startsWith("220 ");
            try (RawFtp two = RawFtp.connect("127.0.0.1", port, "127.0.0.2")) {
                assertThat(two.reply()).startsWith("220 ");
                try (RawFtp three = RawFtp.connect("127.0.0.1", port, "127.0.0.2");
                        RawFtp other = RawFtp.connect("127.0.0.1", port, "127.0.0.3")) {
                    assertThat(three.reply())
                            .isEqualTo("421 Too many connections from your address (2); try again later.\r\n");
                    assertThat(other.reply()).startsWith("220 ");
                }
            }
        }
    }

    @Test
    void checkEmailRunsThroughTheJarsMain() throws Exception {
        Process check = java("check-email").redirectErrorStream(true).start();
        check.getOutputStream().write("jane.doe@example.org\nlftp@\nnot an address\n".getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).isZero();
        assertThat(out).isEqualTo("accept\tok\nplaceholder\tclient-default:lftp\nreject\tno-at-sign\n");
    }

    @Test
    void aStockFtpServerXmlRunsWithConfig() throws Exception {
        Path home = Files.createDirectories(work.resolve("home"));
        Files.writeString(home.resolve("hello.txt"), "hi\n");
        Path users = work.resolve("users.properties");
        Files.writeString(users, "ftpserver.user.alice.userpassword=secret\n"
                + "ftpserver.user.alice.homedirectory=" + home + "\n");
        Path xml = work.resolve("server.xml");
        Files.writeString(xml, String.join("\n",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
                "<server xmlns=\"http://mina.apache.org/ftpserver/spring/v1\"",
                "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
                "    xsi:schemaLocation=\"http://mina.apache.org/ftpserver/spring/v1"
                        + " http://mina.apache.org/ftpserver/ftpserver-1.0.xsd\" id=\"server\">",
                "  <listeners><nio-listener name=\"default\" port=\"0\" local-address=\"127.0.0.1\"/></listeners>",
                "  <file-user-manager file=\"" + users + "\" encrypt-passwords=\"clear\"/>",
                "</server>", ""));
        int port = startServer("--config", xml.toString());
        FTPClient alice = TestArchive.connect(port);
        try {
            assertThat(alice.login("alice", "secret")).isTrue();
            assertThat(alice.listNames()).containsExactly("hello.txt");
        } finally {
            TestArchive.quietly(alice);
        }
    }

    @Test
    void usageErrorsExitWithCode2() throws Exception {
        Process bad = java("--email-mode", "loud").redirectErrorStream(true).start();
        String out = new String(bad.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bad.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(bad.exitValue()).isEqualTo(2);
        assertThat(out).contains("emailPolicy.enforcement: \"loud\" is not valid; expected one of ENFORCE, WARN");
    }

    @Test
    void withAddressPrivacyNoLogLineTheServerWritesHoldsTheAddressEvenWithTheProtocolLogOn() throws Exception {
        jvmOptions.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=debug");
        jvmOptions.add("-Dorg.slf4j.simpleLogger.log.org.apache.ftpserver=debug");
        jvmOptions.add("-Dorg.slf4j.simpleLogger.log.org.apache.ftpserver.listener.nio.FtpLoggingFilter=info");
        Path log = work.resolve("access.jsonl");
        int port = startServer("--port", "0", "--address-privacy", "mask", "--ip-privacy", "truncate",
                "--access-log", log.toString());
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
            ftp.reply();
            ftp.command("USER anonymous");
            assertThat(ftp.command("XPASS secret.person@example.org")).startsWith("230 ");
            ftp.command("USER anonymous");
            ftp.command("QUIT");
        }
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
            ftp.reply();
            ftp.command("USER anonymous");
            assertThat(ftp.command("PASS not an address, other.person@example.org")).startsWith("530 ");
        }
        process.destroy();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(work.resolve("stderr.txt"));
        assertThat(stderr).contains("RECEIVED: XPASS *****");
        String everything = stderr + String.join("\n", output) + Files.readString(log);
        assertThat(everything).doesNotContain("secret.person", "other.person").contains("s***@example.org");
    }
}

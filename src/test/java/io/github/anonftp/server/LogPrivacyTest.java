package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.ServerProcess;
import io.github.anonftp.testing.TestArchive;

/**
 * Privacy in every line: the runnable server with every logger at DEBUG (FtpServer's, MINA's and the protocol
 * log included), driven through logins, refusals, bans and dry-run refusals from 127.0.0.x addresses; no line
 * it writes, on standard output, standard error or in the access log, shows one of those addresses or a
 * supplied e-mail address.
 */
@Timeout(90)
class LogPrivacyTest {

    private static final List<String> DEBUG_EVERYTHING = List.of(
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
            "-Dorg.slf4j.simpleLogger.log.org.apache.ftpserver=debug",
            "-Dorg.slf4j.simpleLogger.log.org.apache.mina=debug",
            "-Dorg.slf4j.simpleLogger.log.org.apache.ftpserver.listener.nio.FtpLoggingFilter=debug");

    @TempDir
    Path work;

    @Test
    void truncatedIpsAndMaskedAddressesHideEveryClientInEveryLine() throws Exception {
        Path root = TestArchive.create(Files.createDirectories(work.resolve("root")));
        Path log = work.resolve("access.jsonl");
        String all;
        try (ServerProcess server = ServerProcess.classpath(work, DEBUG_EVERYTHING, "--port", "0",
                "--root", root.toString(), "--access-log", log.toString(), "--log-connects",
                "--ip-privacy", "truncate", "--address-privacy", "mask", "--max-sessions-per-ip", "1",
                "--ban-after-failures", "2", "--login-timeout", "1s", "--deny", "127.0.0.8/29")) {
            drive(server.port(), "127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.9");
            server.terminate();
            all = server.output() + Files.readString(log, StandardCharsets.UTF_8);
        }
        assertNoClientIn(all);
        assertThat(ours(all)).as("the lines that would show clients were written, privately")
                .contains("Refused a connection from 127.0.0.0/24: too-many-sessions")
                .contains("Refused a connection from 127.0.0.0/24: banned")
                .contains("Refused a connection from 127.0.0.0/24: denied-network")
                .contains("Banned 127.0.0.0/24 for PT10M (strike 1)")
                .contains("Closed a session of 127.0.0.0/24: login-timeout")
                .contains("RECEIVED: PORT *****")
                .contains("\"email\":\"a***@example.org\"");
    }

    @Test
    void hashedIpsAndAddressesHideEveryClientInDryRunLinesToo() throws Exception {
        Path root = TestArchive.create(Files.createDirectories(work.resolve("root")));
        Path secret = work.resolve("secret");
        Files.writeString(secret, "a secret of some length\n");
        Path log = work.resolve("access.jsonl");
        String all;
        try (ServerProcess server = ServerProcess.classpath(work, DEBUG_EVERYTHING, "--port", "0",
                "--root", root.toString(), "--access-log", log.toString(), "--dry-run-limits",
                "--ip-privacy", "hmac", "--address-privacy", "hmac", "--privacy-secret-file", secret.toString(),
                "--max-sessions-per-ip", "1", "--ban-after-failures", "2", "--login-timeout", "1s",
                "--deny", "127.0.0.8/29")) {
            drive(server.port(), "127.0.0.5", "127.0.0.6", "127.0.0.7", "127.0.0.9");
            server.terminate();
            all = server.output() + Files.readString(log, StandardCharsets.UTF_8);
        }
        assertNoClientIn(all);
        assertThat(ours(all)).as("dry-run lines were written, with hashed keys")
                .containsPattern("dry_run: would refuse a connection from h:[A-Za-z0-9_-]{22}: too-many-sessions")
                .containsPattern("dry_run: would refuse a connection from h:[A-Za-z0-9_-]{22}: denied-network")
                .containsPattern("dry_run: would refuse a connection from h:[A-Za-z0-9_-]{22}: banned")
                .containsPattern("dry_run: would close a session of h:[A-Za-z0-9_-]{22}: login-timeout")
                .containsPattern("\"email\":\"h:[A-Za-z0-9_-]{22}\"");
    }

    /**
     * From {@code good}: a guest login with a PORT and an EPRT naming the client's address, then a second
     * connection past the session limit. From {@code bad}: two refused passwords (a ban), then a banned
     * connection. From {@code silent}: no login before the deadline. From {@code denied}: a denied network.
     */
    private static void drive(int port, String good, String bad, String silent, String denied) throws Exception {
        try (RawFtp guest = RawFtp.connect("127.0.0.1", port, good)) {
            assertThat(guest.reply()).startsWith("220 ");
            assertThat(guest.command("USER anonymous")).startsWith("331 ");
            assertThat(guest.command("PASS alice.private@example.org")).startsWith("230 ");
            assertThat(guest.command("PORT " + good.replace('.', ',') + ",200,10")).startsWith("200 ");
            assertThat(guest.command("EPRT |1|" + good + "|51210|")).startsWith("200 ");
            try (RawFtp second = RawFtp.connect("127.0.0.1", port, good)) {
                second.reply();
            }
            assertThat(guest.command("QUIT")).startsWith("221 ");
        }
        try (RawFtp attacker = RawFtp.connect("127.0.0.1", port, bad)) {
            assertThat(attacker.reply()).startsWith("220 ");
            assertThat(attacker.command("USER anonymous")).startsWith("331 ");
            assertThat(attacker.command("PASS bob.private.example.org")).startsWith("530 ");
            assertThat(attacker.command("PASS bob.private@example..org")).isNotEmpty();
            attacker.command("NOOP"); // answered after the PASS was handled: the ban is in force
        }
        try (RawFtp banned = RawFtp.connect("127.0.0.1", port, bad)) {
            banned.reply();
        }
        try (RawFtp quiet = RawFtp.connect("127.0.0.1", port, silent)) {
            assertThat(quiet.reply()).startsWith("220 ");
            quiet.isClosedByServer(); // waits for the login deadline (1 s) or the read timeout
        }
        try (RawFtp refused = RawFtp.connect("127.0.0.1", port, denied)) {
            refused.reply();
        }
    }

    /** anonftp's lines and the access records, without the DEBUG noise of MINA and FtpServer. */
    private static String ours(String all) {
        return all.lines().filter(line -> line.contains("anonftp") || line.contains("FtpLoggingFilter")
                || line.startsWith("{")).collect(Collectors.joining("\n"));
    }

    private static void assertNoClientIn(String all) {
        List<String> secrets = new ArrayList<>(List.of("alice.private", "bob.private"));
        for (String lastByte : List.of("2", "3", "4", "5", "6", "7", "9")) {
            secrets.add("127.0.0." + lastByte);
            secrets.add("127,0,0," + lastByte);
        }
        assertThat(all.lines().filter(line -> secrets.stream().anyMatch(line::contains)))
                .as("lines showing a client's IP or address").isEmpty();
    }
}

package io.github.anonftp.ftpserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

@Timeout(30)
class AnonymousLoginTest {

    @TempDir
    Path root;
    @TempDir
    Path etc;
    AnonFtpServer server;

    AnonFtpServer start(UnaryOperator<AnonymousConfig.Builder> guests, UnaryOperator<AnonFtpServer.Builder> site)
            throws Exception {
        server = site.apply(AnonFtpServer.builder().anonymous(guests.apply(TestArchive.guests(root)).build()))
                .build().start();
        return server;
    }

    AnonFtpServer start() throws Exception {
        return start(g -> g, s -> s);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    RawFtp raw() throws IOException {
        RawFtp ftp = RawFtp.connect("127.0.0.1", server.port());
        assertThat(ftp.reply()).startsWith("220 ");
        return ftp;
    }

    @ParameterizedTest
    @ValueSource(strings = {"anonymous", "ftp", "FTP", "Anonymous", "ANONYMOUS"})
    void everyGuestNameInAnyCaseGetsTheGuestDialogue(String name) throws Exception {
        start();
        try (RawFtp ftp = raw()) {
            assertThat(ftp.command("USER " + name))
                    .isEqualTo("331 Guest login ok, send your complete e-mail address as password.\r\n");
            assertThat(ftp.command("PASS user@example.com"))
                    .isEqualTo("230 Guest login ok, access restrictions apply.\r\n");
            assertThat(ftp.command("PWD")).isEqualTo("257 \"/\" is current directory.\r\n");
        }
    }

    @Test
    void configuredNamesReplaceTheDefaultsAndTextsAreConfigurable() throws Exception {
        start(g -> g.names("guest").passwordPrompt("Send your address.").loginReply("Welcome, guest."), s -> s);
        try (RawFtp ftp = raw()) {
            assertThat(ftp.command("USER Guest")).isEqualTo("331 Send your address.\r\n");
            assertThat(ftp.command("PASS user@example.com")).isEqualTo("230 Welcome, guest.\r\n");
        }
        try (RawFtp ftp = raw()) {
            assertThat(ftp.command("USER ftp")).isEqualTo("530 This server is anonymous only.\r\n");
        }
    }

    @Test
    void loginMessageLinesPrecedeTheLoginReply() throws Exception {
        start(g -> g.loginMessage("Welcome to the archive.\nMirrors: see /pub/MIRRORS."), s -> s);
        try (RawFtp ftp = raw()) {
            ftp.command("USER anonymous");
            assertThat(ftp.command("PASS user@example.com")).isEqualTo(
                    "230-Welcome to the archive.\r\n"
                    + "230-Mirrors: see /pub/MIRRORS.\r\n"
                    + "230 Guest login ok, access restrictions apply.\r\n");
        }
    }

    @Test
    void anonymousOnlyServerRefusesRealNamesAtUser() throws Exception {
        start();
        try (RawFtp ftp = raw()) {
            assertThat(ftp.command("USER root")).isEqualTo("530 This server is anonymous only.\r\n");
            assertThat(ftp.command("PASS secret")).startsWith("503 ");
            assertThat(ftp.command("USER anonymous")).startsWith("331 ");
        }
    }

    @Test
    void realUsersOfTheSitesUserManagerStillLogInBesideGuests() throws Exception {
        Path home = Files.createDirectories(etc.resolve("alice-home"));
        Files.writeString(home.resolve("private.txt"), "alice's\n");
        Path users = etc.resolve("users.properties");
        Files.writeString(users, String.join("\n",
                "ftpserver.user.alice.userpassword=wonderland",
                "ftpserver.user.alice.homedirectory=" + home.toString().replace("\\", "/"),
                "ftpserver.user.alice.enableflag=true",
                "ftpserver.user.alice.writepermission=true",
                ""));
        PropertiesUserManagerFactory site = new PropertiesUserManagerFactory();
        site.setFile(users.toFile());
        site.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        start(g -> g, s -> s.userManager(site.createUserManager()));

        FTPClient alice = TestArchive.connect(server.port());
        FTPClient guest = TestArchive.guest(server.port());
        try {
            assertThat(alice.login("alice", "wonderland")).isTrue();
            assertThat(alice.listNames()).containsExactly("private.txt");
            assertThat(alice.storeFile("upload.txt", new java.io.ByteArrayInputStream(new byte[] {1}))).isTrue();
            assertThat(guest.listNames("/pub")).contains("README.txt");
        } finally {
            TestArchive.quietly(alice);
            TestArchive.quietly(guest);
        }
        FTPClient wrong = TestArchive.connect(server.port());
        try {
            assertThat(wrong.login("alice", "guess")).isFalse();
            assertThat(wrong.getReplyCode()).isEqualTo(530);
        } finally {
            TestArchive.quietly(wrong);
        }
    }

    @Test
    void aRefusedPasswordKeepsTheUserNameSoAnotherPassCanFollow() throws Exception {
        start();
        try (RawFtp ftp = raw()) {
            ftp.command("USER anonymous");
            assertThat(ftp.command("PASS guest")).isEqualTo(
                    "530 Please send your e-mail address as password, for example guest@example.org.\r\n");
            assertThat(ftp.command("PASS user@example.com")).startsWith("230 ");
        }
    }

    @Test
    void theThirdFailedLoginOnOneConnectionGets530Then421AndTheConnectionCloses() throws Exception {
        start();
        try (RawFtp ftp = raw()) {
            ftp.command("USER anonymous");
            assertThat(ftp.command("PASS one")).startsWith("530 ");
            assertThat(ftp.command("PASS two")).startsWith("530 ");
            assertThat(ftp.command("PASS three")).startsWith("530 ");
            assertThat(ftp.reply()).isEqualTo("421 Too many failed login attempts; closing connection.\r\n");
            assertThat(ftp.isClosedByServer()).isTrue();
        }
    }

    @Test
    void realUsersWrongPasswordsCountTowardTheSameCap() throws Exception {
        Path users = etc.resolve("users.properties");
        Files.writeString(users, "ftpserver.user.bob.userpassword=right\n"
                + "ftpserver.user.bob.homedirectory=" + root.toString().replace("\\", "/") + "\n");
        PropertiesUserManagerFactory site = new PropertiesUserManagerFactory();
        site.setFile(users.toFile());
        start(g -> g, s -> s.userManager(site.createUserManager())
                .rateLimit(RateLimitConfig.builder().maxFailuresPerConnection(2).build()));
        try (RawFtp ftp = raw()) {
            ftp.command("USER bob");
            assertThat(ftp.command("PASS wrong")).startsWith("530 ");
            ftp.command("USER bob");
            assertThat(ftp.command("PASS wrong")).startsWith("530 ");
            assertThat(ftp.reply()).startsWith("421 ");
            assertThat(ftp.isClosedByServer()).isTrue();
        }
    }

    @Test
    void guestsBeyondTheSessionCapGet421AndAFreedSlotIsReused() throws Exception {
        start(g -> g.maxSessions(1), s -> s);
        FTPClient first = TestArchive.guest(server.port());
        try (RawFtp second = raw()) {
            assertThat(second.command("USER ftp")).isEqualTo("421 Too many anonymous users (1); try again later.\r\n");
            assertThat(second.isClosedByServer()).isTrue();
        }
        first.logout();
        TestArchive.quietly(first);
        awaitGuestSlotFreed();
    }

    private void awaitGuestSlotFreed() throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try (RawFtp again = raw()) {
                String reply = again.command("USER anonymous");
                if (reply.startsWith("331 ")) {
                    assertThat(again.command("PASS user@example.com")).startsWith("230 ");
                    return;
                }
                assertThat(System.nanoTime()).as("slot freed within 5 s").isLessThan(deadline);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void zeroMaxSessionsMeansUnlimitedUnlikeStockFtpServer() throws Exception {
        start(g -> g.maxSessions(0), s -> s.rateLimit(RateLimitConfig.builder().maxSessionsPerClient(0).build()));
        FTPClient[] clients = new FTPClient[12];
        try {
            for (int i = 0; i < clients.length; i++) {
                clients[i] = TestArchive.guest(server.port());
            }
            assertThat(clients[11].printWorkingDirectory()).isEqualTo("/");
        } finally {
            for (FTPClient client : clients) {
                if (client != null) {
                    TestArchive.quietly(client);
                }
            }
        }
    }

    @Test
    void disabledGuestsAreRefusedAtUser() throws Exception {
        start(g -> g.enabled(false), s -> s);
        try (RawFtp ftp = raw()) {
            assertThat(ftp.command("USER anonymous")).isEqualTo("530 Anonymous login is not allowed.\r\n");
        }
    }

    @Test
    void aSecondPassAfterLoginLogsOutAndFreesTheGuestSlot() throws Exception {
        start(g -> g.maxSessions(1), s -> s);
        try (RawFtp ftp = raw()) {
            ftp.command("USER anonymous");
            assertThat(ftp.command("PASS user@example.com")).startsWith("230 ");
            assertThat(ftp.command("PASS again@example.com")).startsWith("202 ");
            try (RawFtp other = raw()) {
                assertThat(other.command("USER anonymous")).startsWith("331 ");
                assertThat(other.command("PASS user@example.com")).startsWith("230 ");
            }
        }
    }

    @Test
    void reinitialisingTheSessionFreesTheGuestSlot() throws Exception {
        start(g -> g.maxSessions(1), s -> s);
        try (RawFtp ftp = raw()) {
            ftp.command("USER anonymous");
            assertThat(ftp.command("PASS user@example.com")).startsWith("230 ");
            assertThat(ftp.command("REIN")).startsWith("220 ");
            try (RawFtp other = raw()) {
                assertThat(other.command("USER anonymous")).startsWith("331 ");
                assertThat(other.command("PASS user@example.com")).startsWith("230 ");
                assertThat(ftp.command("USER anonymous")).startsWith("421 Too many anonymous users (1)");
            }
        }
    }
}

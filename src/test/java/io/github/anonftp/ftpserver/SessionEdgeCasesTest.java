package io.github.anonftp.ftpserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.listener.ListenerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.anonymous.AnonymousFileSystemFactory;
import io.github.anonftp.anonymous.AnonymousUserManager;
import io.github.anonftp.ratelimit.InMemoryRateLimiter;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/** REIN, a second PASS and USER on a logged-in session, over raw sockets. */
@Timeout(30)
class SessionEdgeCasesTest {

    static final String TIMED_OUT = "421 No login within 1 second; closing connection.\r\n";

    @TempDir
    Path root;
    AnonFtpServer server;
    FtpServer levelOne;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (levelOne != null) {
            levelOne.stop();
        }
    }

    private int start(Duration loginTimeout) throws Exception {
        server = AnonFtpServer.builder().anonymous(TestArchive.guests(root).build())
                .rateLimit(RateLimitConfig.builder().loginTimeout(loginTimeout).build()).build().start();
        return server.port();
    }

    /** anonftp on FtpServer's own listener (integration level 1): deadlines are checked at the next command. */
    private int startLevelOne(Duration loginTimeout) throws Exception {
        return startLevelOne(RateLimitConfig.builder().loginTimeout(loginTimeout).build());
    }

    private int startLevelOne(RateLimitConfig limits) throws Exception {
        FtpServerFactory factory = new FtpServerFactory();
        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setMaxAnonymousLogins(Integer.MAX_VALUE);
        connections.setMaxLoginFailures(0);
        connections.setLoginFailureDelay(0);
        factory.setConnectionConfig(connections.createConnectionConfig());
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        factory.addListener("default", listener.createListener());
        factory.setUserManager(new AnonymousUserManager(TestArchive.guests(root).build(), null));
        factory.setFileSystem(new AnonymousFileSystemFactory(new NativeFileSystemFactory()));
        Map<String, Ftplet> ftplets = new LinkedHashMap<>();
        ftplets.put("anonftp", AnonFtplet.builder().rateLimiter(new InMemoryRateLimiter(limits)).build());
        factory.setFtplets(ftplets);
        levelOne = factory.createServer();
        levelOne.start();
        return factory.getListener("default").getPort();
    }

    private static RawFtp guest(int port) throws IOException {
        RawFtp ftp = RawFtp.connect("127.0.0.1", port);
        assertThat(ftp.reply()).startsWith("220 ");
        assertThat(ftp.command("USER anonymous")).startsWith("331 ");
        assertThat(ftp.command("PASS tester@example.org")).startsWith("230 ");
        return ftp;
    }

    @Test
    void reinAfterLoginGivesTheClientANewLoginDeadline() throws Exception {
        try (RawFtp ftp = guest(start(Duration.ofSeconds(1)))) {
            assertThat(ftp.command("REIN")).startsWith("220 ");
            assertThat(ftp.reply()).as("the next reply, unasked").isEqualTo(TIMED_OUT);
            assertThat(ftp.isClosedByServer()).isTrue();
        }
    }

    @Test
    void aSecondPassThatLogsTheGuestOutAlsoStartsANewLoginDeadline() throws Exception {
        try (RawFtp ftp = guest(start(Duration.ofSeconds(1)))) {
            assertThat(ftp.command("PASS again@example.org")).isEqualTo("202 Already logged-in.\r\n");
            assertThat(ftp.reply()).isEqualTo(TIMED_OUT);
        }
    }

    @Test
    void aGuestWhoLogsInAgainAfterReinIsNotTimedOut() throws Exception {
        try (RawFtp ftp = guest(start(Duration.ofSeconds(1)))) {
            assertThat(ftp.command("REIN")).startsWith("220 ");
            assertThat(ftp.command("USER anonymous")).startsWith("331 ");
            assertThat(ftp.command("PASS tester@example.org")).startsWith("230 ");
            Thread.sleep(1500); // past the deadline REIN set: logging in again cancelled it
            assertThat(ftp.command("PWD")).startsWith("257 ");
        }
    }

    @Test
    void atLevelOneTheDeadlineAfterReinCountsFromTheReinNotTheConnection() throws Exception {
        try (RawFtp ftp = guest(startLevelOne(Duration.ofSeconds(1)))) {
            Thread.sleep(1200); // logged in longer than the login timeout
            assertThat(ftp.command("REIN")).startsWith("220 ");
            assertThat(ftp.command("USER anonymous")).startsWith("331 ");
            Thread.sleep(1200);
            assertThat(ftp.command("PASS tester@example.org")).isEqualTo(TIMED_OUT);
        }
    }

    @Test
    void atLevelOneABanClosesTheClientsLoggedInSessionAtItsNextCommand() throws Exception {
        int port = startLevelOne(RateLimitConfig.builder().maxLoginFailures(2).build());
        try (RawFtp loggedIn = RawFtp.connect("127.0.0.1", port, "127.0.0.7");
                RawFtp attacker = RawFtp.connect("127.0.0.1", port, "127.0.0.7")) {
            assertThat(loggedIn.reply()).startsWith("220 ");
            loggedIn.command("USER anonymous");
            assertThat(loggedIn.command("PASS tester@example.org")).startsWith("230 ");
            attacker.reply();
            attacker.command("USER anonymous");
            attacker.command("PASS bad");
            assertThat(attacker.command("PASS bad")).startsWith("530 ");
            assertThat(attacker.reply()).startsWith("421 ");
            assertThat(loggedIn.command("PWD"))
                    .isEqualTo("421 Too many failed logins from your address; try again in 10 minutes.\r\n");
            assertThat(loggedIn.isClosedByServer()).isTrue();
        }
    }

    @Test
    void userWithTheSameNameAfterLoginIsAnsweredAsFtpServerDoesAndKeepsTheJail() throws Exception {
        try (RawFtp ftp = guest(start(Duration.ofSeconds(60)))) {
            assertThat(ftp.command("USER anonymous")).isEqualTo("230 Already logged-in.\r\n");
            assertThat(ftp.command("CWD /..")).startsWith("250 ");
            assertThat(ftp.command("PWD")).startsWith("257 \"/\"");
            assertThat(ftp.command("MKD /pub/new")).startsWith("550 ");
            assertThat(ftp.command("SIZE /pub/README.txt")).startsWith("213 ");
        }
    }

    @Test
    void userAfterLoginThenPassStillGoesThroughTheEmailPolicy() throws Exception {
        try (RawFtp ftp = guest(start(Duration.ofSeconds(60)))) {
            assertThat(ftp.command("USER anonymous")).isEqualTo("230 Already logged-in.\r\n");
            assertThat(ftp.command("PASS not-an-address")).isEqualTo("202 Already logged-in.\r\n");
            assertThat(ftp.command("PWD")).as("FtpServer logged the guest out").startsWith("530 ");
            assertThat(ftp.command("USER anonymous")).startsWith("331 ");
            assertThat(ftp.command("PASS not-an-address")).startsWith("530 Please send your e-mail address");
            assertThat(ftp.command("PWD")).startsWith("530 ");
        }
    }

    @Test
    void userWithAnotherNameAfterLoginIsRefusedAndClosedAsFtpServerDoes() throws Exception {
        try (RawFtp ftp = guest(start(Duration.ofSeconds(60)))) {
            assertThat(ftp.command("USER root")).isEqualTo("530 Invalid user name.\r\n");
            assertThat(ftp.isClosedByServer()).isTrue();
        }
    }

    @Test
    void userWithAControlCharacterAfterLoginIsRefusedAndTheSessionGoesOn() throws Exception {
        try (RawFtp ftp = guest(start(Duration.ofSeconds(60)))) {
            assertThat(ftp.command("USER anon\u001b[31mymous"))
                    .isEqualTo("530 User names cannot contain control characters.\r\n");
            assertThat(ftp.command("PWD")).startsWith("257 \"/\"");
        }
    }
}

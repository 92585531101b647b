package io.github.anonftp.ftpserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.management.JMX;
import javax.management.MBeanServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.accesslog.AccessLog;
import io.github.anonftp.accesslog.InMemoryAccessLogWriter;
import io.github.anonftp.accesslog.JsonLinesFormat;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.JsonRecords;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/** Bans at run time: over JMX (ban, unban, forget, list), and bans closing the client's open sessions with 421. */
@Timeout(30)
class RuntimeControlTest {

    @TempDir
    Path root;
    AnonFtpServer server;
    final InMemoryAccessLogWriter written = new InMemoryAccessLogWriter();
    final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    private int start() throws Exception {
        server = AnonFtpServer.builder().anonymous(TestArchive.guests(root).build())
                .rateLimit(RateLimitConfig.builder().maxLoginFailures(2).build())
                .accessLog(new AccessLog(new JsonLinesFormat(256), e -> e, written, 1024)).build().start();
        return server.port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private static RawFtp guest(int port, String source) throws Exception {
        RawFtp ftp = RawFtp.connect("127.0.0.1", port, source);
        assertThat(ftp.reply()).startsWith("220 ");
        ftp.command("USER anonymous");
        assertThat(ftp.command("PASS jane@example.org")).startsWith("230 ");
        return ftp;
    }

    private BansMBean bans() {
        return JMX.newMBeanProxy(jmx, server.jmxBansName(), BansMBean.class);
    }

    private List<Map<String, Object>> records(String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<Map<String, Object>> found;
        do {
            found = JsonRecords.events(written.lines(), event);
            Thread.sleep(found.isEmpty() ? 10 : 0);
        } while (found.isEmpty() && System.nanoTime() < deadline);
        return found;
    }

    @Test
    void aBanEarnedByFailedLoginsClosesTheClientsLoggedInSessionsWith421() throws Exception {
        int port = start();
        try (RawFtp loggedIn = guest(port, "127.0.0.3"); RawFtp other = guest(port, "127.0.0.4");
                RawFtp attacker = RawFtp.connect("127.0.0.1", port, "127.0.0.3")) {
            attacker.reply();
            attacker.command("USER anonymous");
            attacker.command("PASS bad");
            assertThat(attacker.command("PASS bad")).startsWith("530 ");
            assertThat(attacker.reply()).startsWith("421 Too many failed logins");
            assertThat(loggedIn.reply()).as("unasked, on the session logged in before the ban")
                    .isEqualTo("421 Too many failed logins from your address; try again in 10 minutes.\r\n");
            assertThat(loggedIn.isClosedByServer()).isTrue();
            assertThat(other.command("PWD")).as("another client's session goes on").startsWith("257 ");
        }
        assertThat(records("ban")).singleElement().satisfies(ban -> assertThat(ban)
                .containsEntry("key", "127.0.0.3").containsEntry("by", "limiter"));
    }

    @Test
    void anOperatorBansOverJmxClosingTheSessionsAndLiftsTheBanAgain() throws Exception {
        int port = start();
        try (RawFtp victim = guest(port, "127.0.0.5")) {
            assertThat(bans().ban("127.0.0.5", "30m")).startsWith("127.0.0.5 until=").endsWith("strike=1");
            assertThat(victim.reply()).isEqualTo("421 Your address is banned; try again in 30 minutes.\r\n");
            assertThat(victim.isClosedByServer()).isTrue();
        }
        try (RawFtp refused = RawFtp.connect("127.0.0.1", port, "127.0.0.5")) {
            assertThat(refused.reply()).startsWith("421 ");
        }
        assertThat(bans().getActiveBans()).singleElement().asString().startsWith("127.0.0.5 until=")
                .contains("strike=1");
        assertThat(records("ban")).singleElement().satisfies(ban -> assertThat(ban)
                .containsEntry("key", "127.0.0.5").containsEntry("by", "operator").containsEntry("reason", "operator"));

        assertThat(bans().unban("127.0.0.5")).isTrue();
        assertThat(bans().getActiveBans()).isEmpty();
        guest(port, "127.0.0.5").close();
        assertThat(records("unban")).singleElement().satisfies(unban -> assertThat(unban)
                .containsEntry("key", "127.0.0.5").containsEntry("by", "operator"));
        assertThat(bans().unban("127.0.0.5")).as("nothing to lift").isFalse();
    }

    @Test
    void forgettingAClientOverJmxClearsItsFailures() throws Exception {
        int port = start();
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port, "127.0.0.6")) {
            ftp.reply();
            ftp.command("USER anonymous");
            assertThat(ftp.command("PASS bad")).startsWith("530 ");
            bans().forget("127.0.0.6");
            assertThat(ftp.command("PASS bad")).as("a first failure again, no ban").startsWith("530 ")
                    .doesNotContain("421");
        }
        assertThat(bans().getActiveBans()).isEmpty();
    }

    @Test
    void badArgumentsAreRefusedWithTheirReason() throws Exception {
        start();
        assertThatThrownBy(() -> bans().ban("ftp.example.org", "10m")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("client: \"ftp.example.org\"");
        assertThatThrownBy(() -> bans().ban("192.0.2.0/24", "10m")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not one client key");
        assertThatThrownBy(() -> bans().ban("192.0.2.7", "soon")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("duration: \"soon\"");
        assertThatThrownBy(() -> bans().ban("192.0.2.7", "2d")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBanDuration");
        assertThat(server.rateLimiter().activeBans()).isEmpty();
    }
}

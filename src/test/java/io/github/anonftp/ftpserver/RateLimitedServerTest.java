package io.github.anonftp.ftpserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.ratelimit.InMemoryRateLimiter;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.Refusal;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.MutableClock;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/** Per-client limits as clients see them: real sockets from distinct loopback addresses, time on a test clock. */
@Timeout(60)
class RateLimitedServerTest {

    static final String BANNED_10_MINUTES = "421 Too many failed logins from your address; try again in 10 minutes.\r\n";

    @TempDir
    Path root;
    final MutableClock clock = new MutableClock();
    final List<RawFtp> open = new ArrayList<>();
    AnonFtpServer server;

    AnonFtpServer start(UnaryOperator<RateLimitConfig.Builder> limits, UnaryOperator<AnonFtpServer.Builder> site)
            throws Exception {
        InMemoryRateLimiter limiter = new InMemoryRateLimiter(limits.apply(RateLimitConfig.builder()).build(), clock);
        server = site.apply(AnonFtpServer.builder().anonymous(TestArchive.guests(root).build()).rateLimiter(limiter))
                .build().start();
        return server;
    }

    AnonFtpServer start(UnaryOperator<RateLimitConfig.Builder> limits) throws Exception {
        return start(limits, s -> s);
    }

    @AfterEach
    void stop() throws IOException {
        for (RawFtp ftp : open) {
            ftp.close();
        }
        server.stop();
    }

    RawFtp connect(String source) throws IOException {
        RawFtp ftp = RawFtp.connect("127.0.0.1", server.port(), source);
        open.add(ftp);
        return ftp;
    }

    RawFtp greeted(String source) throws IOException {
        RawFtp ftp = connect(source);
        assertThat(ftp.reply()).startsWith("220 ");
        return ftp;
    }

    /** Connects from {@code source} until greeted (a released slot frees asynchronously), at most 5 s. */
    RawFtp greetedSoon(String source) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            RawFtp ftp = connect(source);
            String reply = ftp.reply();
            if (reply.startsWith("220 ")) {
                return ftp;
            }
            assertThat(System.nanoTime()).as("greeted within 5 s; last reply " + reply).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    static void failLogin(RawFtp ftp) throws IOException {
        ftp.command("USER anonymous");
        assertThat(ftp.command("PASS not-an-address")).startsWith("530 ");
    }

    @Test
    void theConnectionPastTheLimitGets421BeforeAnyGreetingAndOtherAddressesAreServed() throws Exception {
        start(c -> c.maxSessionsPerClient(4));
        for (int i = 0; i < 4; i++) {
            greeted("127.0.0.2");
        }
        RawFtp fifth = connect("127.0.0.2");
        assertThat(fifth.reply()).isEqualTo("421 Too many connections from your address (4); try again later.\r\n");
        assertThat(fifth.isClosedByServer()).isTrue();
        RawFtp other = greeted("127.0.0.3");
        assertThat(other.command("USER anonymous")).startsWith("331 ");
    }

    @Test
    void slotsAreReleasedOnQuitOnResetAndOnIdleTimeout() throws Exception {
        start(c -> c.maxSessionsPerClient(1), s -> s.idleTimeout(Duration.ofSeconds(1)));
        RawFtp first = greeted("127.0.0.2");
        assertThat(connect("127.0.0.2").reply()).startsWith("421 ");
        assertThat(first.command("QUIT")).startsWith("221 ");
        RawFtp second = greetedSoon("127.0.0.2");
        second.reset();
        RawFtp third = greetedSoon("127.0.0.2");
        assertThat(third.isClosedByServer()).as("closed by the idle timeout").isTrue();
        greetedSoon("127.0.0.2");
        assertThat(server.rateLimiter().stats().openConnections()).isEqualTo(1);
    }

    @Test
    void repeatedFailedLoginsAcrossConnectionsLeadToABanThatExpires() throws Exception {
        start(c -> c.maxLoginFailures(3).maxFailuresPerConnection(2).banDuration(Duration.ofMinutes(10)));
        RawFtp first = greeted("127.0.0.2");
        failLogin(first);
        failLogin(first);
        assertThat(first.reply()).isEqualTo("421 Too many failed login attempts; closing connection.\r\n");
        RawFtp second = greeted("127.0.0.2");
        second.command("USER anonymous");
        assertThat(second.command("PASS still-not-an-address")).startsWith("530 ");
        assertThat(second.reply()).isEqualTo(BANNED_10_MINUTES);
        assertThat(second.isClosedByServer()).isTrue();

        RawFtp refused = connect("127.0.0.2");
        assertThat(refused.reply()).isEqualTo(BANNED_10_MINUTES);
        assertThat(refused.isClosedByServer()).isTrue();
        greeted("127.0.0.3");

        clock.advance(Duration.ofMinutes(10));
        greetedSoon("127.0.0.2").command("USER anonymous");
    }

    @Test
    void aRepeatedBanLastsLongerAndSaysSo() throws Exception {
        start(c -> c.maxLoginFailures(1).banDuration(Duration.ofMinutes(10)).banEscalation(3));
        RawFtp first = greeted("127.0.0.2");
        failLogin(first);
        assertThat(first.reply()).isEqualTo(BANNED_10_MINUTES); // the ban has started: now time may move
        clock.advance(Duration.ofMinutes(10));
        RawFtp again = greetedSoon("127.0.0.2");
        again.command("USER anonymous");
        again.command("PASS nope");
        assertThat(again.reply()).isEqualTo("421 Too many failed logins from your address; try again in 30 minutes.\r\n");
        assertThat(connect("127.0.0.2").reply())
                .isEqualTo("421 Too many failed logins from your address; try again in 30 minutes.\r\n");
    }

    @Test
    void anOpenConnectionOfABannedClientIsRefusedAtItsNextLoginAttempt() throws Exception {
        start(c -> c.maxLoginFailures(1));
        RawFtp waiting = greeted("127.0.0.2");
        RawFtp failing = greeted("127.0.0.2");
        failLogin(failing);
        assertThat(failing.reply()).isEqualTo(BANNED_10_MINUTES);
        assertThat(waiting.command("USER anonymous")).isEqualTo(BANNED_10_MINUTES);
        assertThat(waiting.isClosedByServer()).isTrue();
    }

    @Test
    void deniedNetworksAreRefusedAndAllowedOnesAreExempt() throws Exception {
        start(c -> c.deniedNetworks("127.0.5.0/24").allowedNetworks("127.0.6.6").maxSessionsPerClient(1));
        RawFtp denied = connect("127.0.5.9");
        assertThat(denied.reply()).isEqualTo("421 Connections from your network are not accepted.\r\n");
        assertThat(denied.isClosedByServer()).isTrue();
        for (int i = 0; i < 5; i++) {
            greeted("127.0.6.6");
        }
        greeted("127.0.6.7");
        assertThat(connect("127.0.6.7").reply()).startsWith("421 Too many connections");
    }

    @Test
    void ipv6ClientsAreLimitedByTheirNetwork() throws Exception {
        start(c -> c.maxSessionsPerClient(1).deniedNetworks("::2/128"), s -> s.bind("::1"));
        RawFtp first = RawFtp.connect("::1", server.port());
        open.add(first);
        assertThat(first.reply()).startsWith("220 ");
        RawFtp second = RawFtp.connect("::1", server.port());
        open.add(second);
        assertThat(second.reply()).isEqualTo("421 Too many connections from your address (1); try again later.\r\n");
        assertThat(server.rateLimiter().keyOf(java.net.InetAddress.getByName("::1")).toString()).isEqualTo("::/64");
    }

    @Test
    void dryRunServesEveryoneAndCountsWhatItWouldHaveRefused() throws Exception {
        start(c -> c.dryRun(true).maxSessionsPerClient(1).maxLoginFailures(1));
        greeted("127.0.0.2");
        RawFtp second = greeted("127.0.0.2");
        failLogin(second);
        assertThat(second.command("PASS user@example.com")).startsWith("230 ");
        greeted("127.0.0.2");
        assertThat(server.rateLimiter().stats().dryRunRefusals(Refusal.TOO_MANY_SESSIONS)).isGreaterThanOrEqualTo(1);
        assertThat(server.rateLimiter().stats().dryRunRefusals(Refusal.BANNED)).isEqualTo(1);
        assertThat(server.rateLimiter().stats().bansStarted()).isEqualTo(1);
    }

    @Test
    void aSessionPastItsCommandBudgetGets421AndIsClosed() throws Exception {
        start(c -> c.commandRate("5/1m"));
        RawFtp ftp = greeted("127.0.0.2");
        for (int i = 0; i < 5; i++) {
            assertThat(ftp.command("SYST")).as("command %d", i + 1).startsWith("530 "); // answered before any ftplet
        }
        assertThat(ftp.command("SYST")).isEqualTo("421 Too many commands; closing connection.\r\n");
        assertThat(ftp.isClosedByServer()).isTrue();
    }

    @Test
    void aConnectionThatDoesNotLogInInTimeGets421AndIsClosed() throws Exception {
        start(c -> c.loginTimeout(Duration.ofSeconds(1)));
        RawFtp slow = greeted("127.0.0.2");
        slow.send("USER anon"); // a line never finished, as slowloris does
        assertThat(slow.reply()).isEqualTo("421 No login within 1 second; closing connection.\r\n");
        assertThat(slow.isClosedByServer()).isTrue();
        RawFtp quick = greeted("127.0.0.3");
        quick.command("USER anonymous");
        assertThat(quick.command("PASS user@example.com")).startsWith("230 ");
    }

    @Test
    void theServerWideCapRefusesNewConnections() throws Exception {
        start(c -> c.maxConnections(3));
        greeted("127.0.0.2");
        greeted("127.0.0.3");
        greeted("127.0.0.4");
        assertThat(connect("127.0.0.5").reply()).isEqualTo("421 Too many users are connected (3); try again later.\r\n");
    }

    @Test
    void connectionsFasterThanTheRateAreRefusedWithTheTimeToWait() throws Exception {
        start(c -> c.connectionRate("3/1m").maxSessionsPerClient(0));
        for (int i = 0; i < 3; i++) {
            greeted("127.0.0.2").close();
        }
        assertThat(connect("127.0.0.2").reply()).isEqualTo(
                "421 Too many connections from your address in a short time; try again in 20 seconds.\r\n");
        clock.advance(Duration.ofSeconds(20));
        greeted("127.0.0.2");
    }

    @Test
    void aFailureDelayRefusesPassCommandsThatArrivedDuringItWithoutBlockingOthers() throws Exception {
        start(c -> c.loginFailureDelay(Duration.ofMillis(500)).maxFailuresPerConnection(5));
        RawFtp ftp = greeted("127.0.0.2");
        ftp.send("USER anonymous\r\nPASS bad\r\nPASS good@example.com\r\n");
        assertThat(ftp.reply()).startsWith("331 ");
        assertThat(ftp.reply()).startsWith("530 Please send your e-mail address");
        assertThat(ftp.reply()).isEqualTo(
                "530 Login refused: wait a moment after a failed login before trying again.\r\n");
        RawFtp other = greeted("127.0.0.3");
        other.command("USER anonymous");
        assertThat(other.command("PASS user@example.com")).startsWith("230 ");
        // Sent during the delay, this line is read only when it ends: it is then accepted, no sleep needed.
        assertThat(ftp.command("PASS good@example.com")).startsWith("230 ");
    }

    @Test
    void stoppingTheServerReleasesEverySlot() throws Exception {
        start(c -> c);
        greeted("127.0.0.2");
        greeted("127.0.0.2");
        greeted("127.0.0.3").command("USER anonymous");
        assertThat(server.rateLimiter().stats().openConnections()).isEqualTo(3);
        server.stop();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.rateLimiter().stats().openConnections() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(server.rateLimiter().stats().openConnections()).isZero();
    }

    @Test
    void dryRunLetsASessionPastItsCommandBudgetAndLoginDeadlineAndCountsBoth() throws Exception {
        start(c -> c.dryRun(true).commandRate("3/1m").loginTimeout(Duration.ofSeconds(1)).maxFailuresPerConnection(1));
        RawFtp ftp = greeted("127.0.0.2");
        for (int i = 0; i < 6; i++) {
            assertThat(ftp.command("SYST")).startsWith("530 ");
        }
        failLogin(ftp);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.rateLimiter().stats().dryRunRefusals(Refusal.LOGIN_TIMEOUT) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(ftp.command("USER anonymous")).startsWith("331 ");
        assertThat(ftp.command("PASS user@example.com")).startsWith("230 ");
        var stats = server.rateLimiter().stats();
        assertThat(stats.dryRunRefusals(Refusal.COMMAND_RATE)).isGreaterThanOrEqualTo(4);
        assertThat(stats.dryRunRefusals(Refusal.LOGIN_TIMEOUT)).isEqualTo(1);
        assertThat(stats.dryRunRefusals(Refusal.TOO_MANY_FAILURES)).isEqualTo(1);
        assertThat(stats.refusals().values()).allMatch(count -> count == 0);
    }

    @Test
    void refusalsAfterAdmissionAreCounted() throws Exception {
        start(c -> c.commandRate("2/1m"));
        RawFtp ftp = greeted("127.0.0.2");
        ftp.command("NOOP");
        ftp.command("NOOP");
        assertThat(ftp.command("NOOP")).startsWith("421 ");
        assertThat(server.rateLimiter().stats().refusals(Refusal.COMMAND_RATE)).isEqualTo(1);
    }
}

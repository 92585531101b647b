package io.github.anonftp.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.anonftp.accesslog.EventType;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.RateLimitStats;
import io.github.anonftp.ratelimit.Refusal;

/**
 * One limit set back on a class-wide server: it applies, and every other limit stays relaxed. The production
 * defaults would refuse the 61st connection within a minute ({@code connectionRate} 60/1m), ban after 10 failed
 * logins ({@code maxLoginFailures}) and close a session past 100 commands a second ({@code commandRate}).
 */
@Timeout(60)
class CustomisedLimitsTest {

    @RegisterExtension
    static final AnonFtpServerExtension ftp =
            AnonFtpServerExtension.with(b -> b.rateLimit(r -> r.maxSessionsPerClient(2)));

    private static final RateLimitConfig PRODUCTION = RateLimitConfig.builder().build();

    @RepeatedTest(2) // the second run starts after the first one's clients: their sessions were released
    void theCustomisedLimitRefusesAThirdConnectionFromOneAddress() {
        ftp.connectedClient();
        ftp.connectedClient();
        assertThatThrownBy(ftp::connectedClient).isInstanceOf(UncheckedIOException.class)
                .hasMessageEndingWith(": 421 Too many connections from your address (2); try again later.");
    }

    @Test
    void moreConnectionsThanTheProductionRateAreServed() throws Exception {
        int connections = (int) PRODUCTION.connectionRate().count() + 5;
        for (int i = 0; i < connections; i++) {
            FTPClient client = ftp.connectedClient();
            assertThat(client.getReplyCode()).as("connection %d", i + 1).isEqualTo(220);
            client.quit();
            client.disconnect();
            awaitNoOpenConnection();
        }
        assertThat(stats().refusals(Refusal.CONNECTION_RATE)).isZero();
    }

    @Test
    void moreFailedLoginsThanTheProductionBanThresholdDoNotBan() throws Exception {
        int failures = PRODUCTION.maxLoginFailures() + 2;
        for (int i = 0; i < failures; i += 2) { // two per connection: the third would close it (421)
            FTPClient client = ftp.connectedClient();
            assertThat(client.login("anonymous", "not-an-address")).isFalse();
            assertThat(client.login("anonymous", "still-not-an-address")).isFalse();
            assertThat(client.getReplyCode()).isEqualTo(530);
            client.disconnect();
            awaitNoOpenConnection();
        }
        assertThat(ftp.anonymousClient().printWorkingDirectory()).isEqualTo("/");
        assertThat(stats().bansStarted()).isZero();
        assertThat(ftp.accessLog().events()).noneMatch(e -> e.type() == EventType.BAN);
    }

    @Test
    void moreCommandsThanTheProductionRateAreAnswered() throws Exception {
        FTPClient client = ftp.anonymousClient();
        long commands = PRODUCTION.commandRate().count() + 20;
        for (int i = 0; i < commands; i++) {
            assertThat(client.sendNoOp()).as("NOOP %d", i + 1).isTrue();
        }
        assertThat(stats().refusals(Refusal.COMMAND_RATE)).isZero();
    }

    private static RateLimitStats stats() {
        return ftp.server().rateLimiter().stats();
    }

    /** With two sessions allowed, wait until the server has seen the last client go before the next one. */
    private static void awaitNoOpenConnection() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (stats().openConnections() > 0) {
            assertThat(System.nanoTime()).as("the server releases a closed connection").isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}

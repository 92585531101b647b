package io.github.anonftp.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.github.anonftp.testing.MutableClock;

/**
 * What every {@link RateLimiter} must do, written once: each implementation's test class extends this and
 * says how to make one. Time moves by hand on a {@link MutableClock}.
 */
abstract class RateLimiterContract {

    final MutableClock clock = new MutableClock();

    /** A limiter with {@code config} reading {@code clock}, fresh for each test. */
    abstract RateLimiter limiter(RateLimitConfig config, MutableClock clock);

    RateLimiter limiter(UnaryOperator<RateLimitConfig.Builder> settings) {
        return limiter(settings.apply(RateLimitConfig.builder()).build(), clock);
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<Lease> admitAll(RateLimiter limiter, String address, int count) {
        List<Lease> leases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Admission admission = limiter.admit(ip(address));
            assertThat(admission.isAllowed()).as("connection %d from %s", i + 1, address).isTrue();
            leases.add(admission.lease());
        }
        return leases;
    }

    @Test
    void theConnectionPastTheSessionLimitIsRefusedAndOthersAreNot() {
        RateLimiter limiter = limiter(c -> c.maxSessionsPerClient(4));
        admitAll(limiter, "192.0.2.1", 4);
        Admission fifth = limiter.admit(ip("192.0.2.1"));
        assertThat(fifth.isAllowed()).isFalse();
        assertThat(fifth.refusal()).isEqualTo(Refusal.TOO_MANY_SESSIONS);
        assertThat(fifth.limit()).isEqualTo(4);
        assertThat(limiter.admit(ip("192.0.2.2")).isAllowed()).isTrue();
    }

    @Test
    void aReleasedSlotIsReusedAndReleasingTwiceFreesOnlyOne() {
        RateLimiter limiter = limiter(c -> c.maxSessionsPerClient(2));
        List<Lease> leases = admitAll(limiter, "192.0.2.1", 2);
        leases.get(0).release();
        leases.get(0).release();
        assertThat(leases.get(0).isReleased()).isTrue();
        assertThat(limiter.admit(ip("192.0.2.1")).isAllowed()).isTrue();
        assertThat(limiter.admit(ip("192.0.2.1")).refusal()).isEqualTo(Refusal.TOO_MANY_SESSIONS);
        assertThat(limiter.stats().openConnections()).isEqualTo(2);
    }

    @Test
    void connectionsBeyondTheBurstWaitForTheRateToRefill() {
        RateLimiter limiter = limiter(c -> c.connectionRate("6/1m").connectionBurst(3).maxSessionsPerClient(0));
        admitAll(limiter, "192.0.2.1", 3).forEach(Lease::release);
        Admission refused = limiter.admit(ip("192.0.2.1"));
        assertThat(refused.refusal()).isEqualTo(Refusal.CONNECTION_RATE);
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(limiter.admit(ip("192.0.2.9")).isAllowed()).isTrue();
        clock.advance(Duration.ofSeconds(10));
        assertThat(limiter.admit(ip("192.0.2.1")).isAllowed()).isTrue();
        assertThat(limiter.admit(ip("192.0.2.1")).refusal()).isEqualTo(Refusal.CONNECTION_RATE);
    }

    @Test
    void theServerWideCapRefusesEveryoneUntilASlotIsFree() {
        RateLimiter limiter = limiter(c -> c.maxConnections(3));
        Lease first = admitAll(limiter, "192.0.2.1", 1).get(0);
        admitAll(limiter, "192.0.2.2", 1);
        admitAll(limiter, "192.0.2.3", 1);
        Admission full = limiter.admit(ip("192.0.2.4"));
        assertThat(full.refusal()).isEqualTo(Refusal.SERVER_FULL);
        assertThat(full.limit()).isEqualTo(3);
        first.release();
        assertThat(limiter.admit(ip("192.0.2.4")).isAllowed()).isTrue();
    }

    @Test
    void theConfiguredNumberOfFailuresStartsABanThatRefusesNewConnections() {
        RateLimiter limiter = limiter(c -> c.maxLoginFailures(3).banDuration(Duration.ofMinutes(10)));
        Lease lease = admitAll(limiter, "192.0.2.1", 1).get(0);
        assertThat(limiter.loginFailed(lease)).isEmpty();
        assertThat(limiter.loginFailed(lease)).isEmpty();
        Optional<Ban> ban = limiter.loginFailed(lease);
        assertThat(ban).isPresent();
        assertThat(ban.get().strike()).isEqualTo(1);
        assertThat(ban.get().length()).isEqualTo(Duration.ofMinutes(10));
        Admission refused = limiter.admit(ip("192.0.2.1"));
        assertThat(refused.refusal()).isEqualTo(Refusal.BANNED);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(limiter.activeBan(limiter.keyOf(ip("192.0.2.1")))).isPresent();
        assertThat(limiter.admit(ip("192.0.2.2")).isAllowed()).isTrue();
    }

    @Test
    void activeBansListsEachBanInForceUntilItEndsOrIsLifted() {
        RateLimiter limiter = limiter(c -> c.maxLoginFailures(1).banDuration(Duration.ofMinutes(10)));
        assertThat(limiter.activeBans()).isEmpty();
        Lease one = admitAll(limiter, "192.0.2.1", 1).get(0);
        limiter.loginFailed(one);
        one.release(); // a ban outlives the connection
        clock.advance(Duration.ofMinutes(5));
        limiter.loginFailed(admitAll(limiter, "198.51.100.7", 1).get(0));
        assertThat(limiter.activeBans()).extracting(Ban::key)
                .containsExactlyInAnyOrder(limiter.keyOf(ip("192.0.2.1")), limiter.keyOf(ip("198.51.100.7")));
        Ban first = limiter.activeBans().stream().filter(b -> b.key().equals(limiter.keyOf(ip("192.0.2.1"))))
                .findFirst().orElseThrow();
        assertThat(first.strike()).isEqualTo(1);
        assertThat(first.remaining(limiter.now())).isEqualTo(Duration.ofMinutes(5));
        limiter.unban(limiter.keyOf(ip("198.51.100.7")));
        assertThat(limiter.activeBans()).extracting(Ban::key).containsExactly(limiter.keyOf(ip("192.0.2.1")));
        clock.advance(Duration.ofMinutes(5));
        assertThat(limiter.activeBans()).isEmpty();
    }

    @Test
    void anOperatorsBanRefusesTheClientForItsLengthAndAddsAStrike() {
        RateLimiter limiter = limiter(c -> c.maxLoginFailures(1));
        ClientKey key = limiter.keyOf(ip("192.0.2.1"));
        Ban ban = limiter.ban(key, Duration.ofMinutes(3));
        assertThat(ban.strike()).isEqualTo(1);
        assertThat(ban.remaining(limiter.now())).isEqualTo(Duration.ofMinutes(3));
        assertThat(limiter.admit(ip("192.0.2.1")).refusal()).isEqualTo(Refusal.BANNED);
        assertThat(limiter.activeBans()).extracting(Ban::key).containsExactly(key);
        assertThat(limiter.stats().bansStarted()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(3));
        assertThat(limiter.admit(ip("192.0.2.1")).isAllowed()).isTrue();
        assertThat(limiter.ban(key, Duration.ofMinutes(1)).strike()).isEqualTo(2);
        assertThatThrownBy(() -> limiter.ban(key, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limiter.ban(key, Duration.ofDays(2))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void forgettingAClientLiftsItsBanAndItsStrikesAndFailures() {
        RateLimiter limiter = limiter(c -> c.maxLoginFailures(2).banDuration(Duration.ofMinutes(10)));
        ClientKey key = limiter.keyOf(ip("192.0.2.1"));
        Lease lease = admitAll(limiter, "192.0.2.1", 1).get(0);
        limiter.loginFailed(lease);
        assertThat(limiter.loginFailed(lease)).isPresent();
        limiter.forget(key);
        assertThat(limiter.activeBan(key)).isEmpty();
        assertThat(limiter.loginFailed(lease)).as("the failure before the ban is forgotten too").isEmpty();
        Optional<Ban> again = limiter.loginFailed(lease);
        assertThat(again).isPresent();
        assertThat(again.get().strike()).as("strikes forgotten: a first ban again").isEqualTo(1);
        assertThat(again.get().length()).isEqualTo(Duration.ofMinutes(10));
        limiter.forget(limiter.keyOf(ip("203.0.113.9"))); // unknown: nothing happens
    }

    @Test
    void failuresCountAcrossConnectionsOfOneClient() {
        RateLimiter limiter = limiter(c -> c.maxLoginFailures(2));
        limiter.loginFailed(admitAll(limiter, "192.0.2.1", 1).get(0));
        assertThat(limiter.loginFailed(admitAll(limiter, "192.0.2.1", 1).get(0))).isPresent();
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        RateLimiter limiter = limiter(c -> c.maxLoginFailures(2).loginFailureWindow(Duration.ofMinutes(10)));
        Lease lease = admitAll(limiter, "192.0.2.1", 1).get(0);
        limiter.loginFailed(lease);
        clock.advance(Duration.ofMinutes(10));
        assertThat(limiter.loginFailed(lease)).isEmpty();
    }

    @Test
    void aBanExpiresByItself() {
        RateLimiter limiter = limiter(c -> c.maxLoginFailures(1).banDuration(Duration.ofMinutes(10)));
        limiter.loginFailed(admitAll(limiter, "192.0.2.1", 1).get(0));
        clock.advance(Duration.ofMinutes(9));
        Admission stillBanned = limiter.admit(ip("192.0.2.1"));
        assertThat(stillBanned.refusal()).isEqualTo(Refusal.BANNED);
        assertThat(stillBanned.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(limiter.admit(ip("192.0.2.1")).isAllowed()).isTrue();
        assertThat(limiter.activeBan(limiter.keyOf(ip("192.0.2.1")))).isEmpty();
    }

    @Test
    void repeatedBansEscalateUpToTheMaximum() {
        RateLimiter limiter = limiter(c -> c.maxLoginFailures(1).banDuration(Duration.ofMinutes(10)).banEscalation(2)
                .maxBanDuration(Duration.ofMinutes(35)));
        List<Duration> lengths = new ArrayList<>();
        for (int strike = 1; strike <= 4; strike++) {
            Ban ban = limiter.loginFailed(admitAll(limiter, "192.0.2.1", 1).get(0)).orElseThrow();
            assertThat(ban.strike()).isEqualTo(strike);
            lengths.add(ban.length());
            clock.advance(ban.length());
        }
        assertThat(lengths).containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(35),
                Duration.ofMinutes(35));
    }

    @Test
    void aClientQuietForLongerThanTheLongestBanStartsAgainAtTheFirstStrike() {
        RateLimiter limiter = limiter(c -> c.maxLoginFailures(1).banDuration(Duration.ofMinutes(10))
                .maxBanDuration(Duration.ofHours(1)));
        Ban first = limiter.loginFailed(admitAll(limiter, "192.0.2.1", 1).get(0)).orElseThrow();
        clock.advance(first.length().plus(Duration.ofHours(1)).plusSeconds(1));
        Ban again = limiter.loginFailed(admitAll(limiter, "192.0.2.1", 1).get(0)).orElseThrow();
        assertThat(again.strike()).isEqualTo(1);
        assertThat(again.length()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void unbanLiftsABan() {
        RateLimiter limiter = limiter(c -> c.maxLoginFailures(1));
        limiter.loginFailed(admitAll(limiter, "192.0.2.1", 1).get(0));
        limiter.unban(limiter.keyOf(ip("192.0.2.1")));
        assertThat(limiter.admit(ip("192.0.2.1")).isAllowed()).isTrue();
    }

    @Test
    void zeroMaxLoginFailuresNeverBans() {
        RateLimiter limiter = limiter(c -> c.maxLoginFailures(0));
        Lease lease = admitAll(limiter, "192.0.2.1", 1).get(0);
        for (int i = 0; i < 50; i++) {
            assertThat(limiter.loginFailed(lease)).isEmpty();
        }
    }

    @Test
    void allowedNetworksAreExemptFromEveryLimit() {
        RateLimiter limiter = limiter(c -> c.allowedNetworks("192.0.2.0/24, 2001:db8::/32").maxSessionsPerClient(1)
                .connectionRate("1/1m").maxLoginFailures(1).commandRate("1/1m"));
        List<Lease> leases = admitAll(limiter, "192.0.2.7", 10);
        assertThat(leases.get(0).isExempt()).isTrue();
        assertThat(limiter.loginFailed(leases.get(0))).isEmpty();
        assertThat(leases.get(0).tryCommand()).isTrue();
        assertThat(leases.get(0).tryCommand()).isTrue();
        admitAll(limiter, "2001:db8:5::1", 3);
        assertThat(limiter.admit(ip("198.51.100.1")).isAllowed()).isTrue();
        assertThat(limiter.admit(ip("198.51.100.1")).isAllowed()).isFalse();
    }

    @Test
    void deniedNetworksAreAlwaysRefused() {
        RateLimiter limiter = limiter(c -> c.deniedNetworks("203.0.113.0/24, 2001:db8:bad::/48"));
        assertThat(limiter.admit(ip("203.0.113.200")).refusal()).isEqualTo(Refusal.DENIED_NETWORK);
        assertThat(limiter.admit(ip("2001:db8:bad:1::5")).refusal()).isEqualTo(Refusal.DENIED_NETWORK);
        assertThat(limiter.admit(ip("::ffff:203.0.113.9")).refusal()).isEqualTo(Refusal.DENIED_NETWORK);
        assertThat(limiter.admit(ip("203.0.114.1")).isAllowed()).isTrue();
        assertThat(limiter.stats().refusals(Refusal.DENIED_NETWORK)).isEqualTo(3);
    }

    @Test
    void ipv6ClientsOfOneNetworkShareTheirLimits() {
        RateLimiter limiter = limiter(c -> c.maxSessionsPerClient(2).ipv6PrefixLength(64));
        admitAll(limiter, "2001:db8:1:2::1", 1);
        admitAll(limiter, "2001:db8:1:2:ffff::9", 1);
        assertThat(limiter.admit(ip("2001:db8:1:2::77")).refusal()).isEqualTo(Refusal.TOO_MANY_SESSIONS);
        assertThat(limiter.admit(ip("2001:db8:1:3::1")).isAllowed()).isTrue();
    }

    @Test
    void dryRunRefusesNothingAndCountsWhatItWouldHaveRefused() {
        RateLimiter limiter = limiter(c -> c.dryRun(true).maxSessionsPerClient(1).maxLoginFailures(1)
                .deniedNetworks("203.0.113.0/24"));
        Lease first = admitAll(limiter, "192.0.2.1", 1).get(0);
        Admission second = limiter.admit(ip("192.0.2.1"));
        assertThat(second.isAllowed()).isTrue();
        assertThat(second.wouldRefuse()).isEqualTo(Refusal.TOO_MANY_SESSIONS);
        assertThat(limiter.loginFailed(first)).isPresent();
        Admission banned = limiter.admit(ip("192.0.2.1"));
        assertThat(banned.isAllowed()).isTrue();
        assertThat(banned.wouldRefuse()).isEqualTo(Refusal.BANNED);
        assertThat(limiter.admit(ip("203.0.113.1")).isAllowed()).isTrue();
        RateLimitStats stats = limiter.stats();
        assertThat(stats.dryRunRefusals(Refusal.TOO_MANY_SESSIONS)).isEqualTo(1);
        assertThat(stats.dryRunRefusals(Refusal.BANNED)).isEqualTo(1);
        assertThat(stats.dryRunRefusals(Refusal.DENIED_NETWORK)).isEqualTo(1);
        assertThat(stats.refusals().values()).allMatch(count -> count == 0);
    }

    @Test
    void aDryRunAdmissionOfADeniedNetworkCarriesTheRefusalItWouldHaveHad() {
        RateLimiter limiter = limiter(c -> c.dryRun(true).deniedNetworks("203.0.113.0/24"));
        Admission denied = limiter.admit(ip("203.0.113.1"));
        assertThat(denied.isAllowed()).isTrue();
        assertThat(denied.wouldRefuse()).isEqualTo(Refusal.DENIED_NETWORK);
        assertThat(limiter.admit(ip("192.0.2.1")).wouldRefuse()).isNull();
    }

    @Test
    void aSessionsCommandBudgetRefillsWithTime() {
        RateLimiter limiter = limiter(c -> c.commandRate("10/1s").commandBurst(5));
        Lease lease = admitAll(limiter, "192.0.2.1", 1).get(0);
        for (int i = 0; i < 5; i++) {
            assertThat(lease.tryCommand()).as("command %d", i + 1).isTrue();
        }
        assertThat(lease.tryCommand()).isFalse();
        clock.advance(Duration.ofMillis(100));
        assertThat(lease.tryCommand()).isTrue();
        assertThat(lease.tryCommand()).isFalse();
        Lease other = admitAll(limiter, "192.0.2.1", 1).get(0);
        assertThat(other.tryCommand()).as("budgets are per session").isTrue();
    }

    @Test
    void theByteQuotaGrantsUpToTheLimitAcrossUploadsAndRefusesTheNextWithItsRetryTime() {
        RateLimiter limiter = limiter(c -> c.uploadQuotaPerClient("10KiB/1h"));
        ClientKey key = limiter.keyOf(ip("192.0.2.1"));
        assertThat(limiter.startUpload(key).isAllowed()).isTrue();
        assertThat(limiter.claimUploadBytes(key, 6 * 1024)).isEqualTo(6 * 1024);
        clock.advance(Duration.ofMinutes(15));
        assertThat(limiter.startUpload(key).bytesLeft()).isEqualTo(4 * 1024);
        assertThat(limiter.claimUploadBytes(key, 6 * 1024)).as("only what is left").isEqualTo(4 * 1024);
        UploadAllowance spent = limiter.startUpload(key);
        assertThat(spent.refusal()).isEqualTo(Refusal.UPLOAD_QUOTA);
        assertThat(spent.retryAfter()).isEqualTo(Duration.ofMinutes(45));
        assertThat(limiter.uploadAllowance(limiter.keyOf(ip("192.0.2.2"))).isAllowed()).as("other clients").isTrue();
        clock.advance(Duration.ofMinutes(45));
        assertThat(limiter.startUpload(key).bytesLeft()).as("a new window").isEqualTo(10 * 1024);
    }

    @Test
    void theFileQuotaCountsStartedUploadsAndReturnedOnesAreGivenBack() {
        RateLimiter limiter = limiter(c -> c.uploadFilesPerClient("2/1d"));
        ClientKey key = limiter.keyOf(ip("192.0.2.1"));
        assertThat(limiter.startUpload(key).isAllowed()).isTrue();
        assertThat(limiter.startUpload(key).isAllowed()).isTrue();
        UploadAllowance third = limiter.startUpload(key);
        assertThat(third.refusal()).isEqualTo(Refusal.UPLOAD_FILES);
        assertThat(third.retryAfter()).isEqualTo(Duration.ofDays(1));
        limiter.returnUpload(key, 0, true);
        assertThat(limiter.startUpload(key).isAllowed()).as("a discarded upload is given back").isTrue();
        assertThat(limiter.uploadAllowance(key).refusal()).isEqualTo(Refusal.UPLOAD_FILES);
    }

    @Test
    void returnedBytesCanBeUploadedAgainAndNeverGoBelowZero() {
        RateLimiter limiter = limiter(c -> c.uploadQuotaPerClient("1000/1h"));
        ClientKey key = limiter.keyOf(ip("2001:db8:1:2::7"));
        assertThat(limiter.claimUploadBytes(key, 1000)).isEqualTo(1000);
        assertThat(limiter.claimUploadBytes(limiter.keyOf(ip("2001:db8:1:2::8")), 1))
                .as("one IPv6 /64 is one client").isZero();
        limiter.returnUpload(key, 5000, false);
        assertThat(limiter.uploadAllowance(key).bytesLeft()).isEqualTo(1000);
        assertThat(limiter.claimUploadBytes(key, 300)).isEqualTo(300);
    }

    @Test
    void withoutQuotasUploadsAreUnlimited() {
        RateLimiter limiter = limiter(c -> c);
        ClientKey key = limiter.keyOf(ip("192.0.2.1"));
        assertThat(limiter.startUpload(key).isAllowed()).isTrue();
        assertThat(limiter.claimUploadBytes(key, Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE / 2);
        assertThat(limiter.uploadAllowance(key).bytesLeft()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aQuotaOutlivesTheClientsConnectionsAndIdleState() {
        RateLimiter limiter = limiter(c -> c.uploadFilesPerClient("1/1d").loginFailureWindow(Duration.ofMinutes(1)));
        Lease lease = admitAll(limiter, "192.0.2.1", 1).get(0);
        assertThat(limiter.startUpload(lease.key()).isAllowed()).isTrue();
        lease.release();
        clock.advance(Duration.ofHours(23));
        limiter.stats(); // sweeps
        assertThat(limiter.startUpload(limiter.keyOf(ip("192.0.2.1"))).refusal()).isEqualTo(Refusal.UPLOAD_FILES);
    }
}

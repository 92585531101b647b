package io.github.anonftp.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.anonftp.testing.MutableClock;

@Timeout(120)
class InMemoryRateLimiterTest extends RateLimiterContract {

    @Override
    RateLimiter limiter(RateLimitConfig config, MutableClock clock) {
        return new InMemoryRateLimiter(config, clock);
    }

    private static InetAddress ipv4(int n) throws Exception {
        return InetAddress.getByAddress(new byte[] {(byte) 10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
    }

    @Test
    void aSprayOfAMillionAddressesStaysWithinTheCapAndKeepsLiveState() throws Exception {
        RateLimiter limiter = limiter(c -> c.maxTrackedClients(10_000).maxSessionsPerClient(2).maxLoginFailures(1)
                .banDuration(Duration.ofHours(1)));
        Lease holder = admitAll(limiter, "192.0.2.1", 1).get(0);
        limiter.loginFailed(admitAll(limiter, "192.0.2.66", 1).get(0));
        for (int i = 0; i < 1_000_000; i++) {
            Admission admission = limiter.admit(ipv4(i));
            assertThat(admission.isAllowed()).isTrue();
            admission.lease().release();
        }
        RateLimitStats stats = limiter.stats();
        assertThat(stats.trackedClients()).isLessThanOrEqualTo(10_000 + 2);
        assertThat(stats.evictions()).isGreaterThanOrEqualTo(1_000_000 - 10_000);
        assertThat(limiter.admit(ip("192.0.2.1")).isAllowed()).as("second session of the holder").isTrue();
        assertThat(limiter.admit(ip("192.0.2.1")).refusal()).as("its open sessions were kept")
                .isEqualTo(Refusal.TOO_MANY_SESSIONS);
        assertThat(limiter.admit(ip("192.0.2.66")).refusal()).as("the ban was kept").isEqualTo(Refusal.BANNED);
        holder.release();
    }

    @Test
    void idleClientsExpireSoTrackingShrinksByItself() {
        RateLimiter limiter = limiter(c -> c.loginFailureWindow(Duration.ofMinutes(10)));
        for (int i = 0; i < 100; i++) {
            limiter.admit(ip("192.0.2." + i)).lease().release();
        }
        assertThat(limiter.stats().trackedClients()).isEqualTo(100);
        clock.advance(Duration.ofMinutes(11));
        assertThat(limiter.stats().trackedClients()).isZero();
    }
}

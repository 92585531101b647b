package io.github.anonftp.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    /** Each of {@code threads} threads admits and releases {@code address} {@code cycles} times, all at once. */
    private static long admitAndReleaseConcurrently(RateLimiter limiter, String address, int threads, int cycles)
            throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> refusals = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                refusals.add(pool.submit(() -> {
                    start.await();
                    long refused = 0;
                    for (int i = 0; i < cycles; i++) {
                        Admission admission = limiter.admit(ip(address));
                        if (admission.isAllowed()) {
                            admission.lease().release();
                        } else {
                            refused++;
                        }
                    }
                    return refused;
                }));
            }
            long refused = 0;
            for (Future<Long> future : refusals) {
                refused += future.get();
            }
            return refused;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentConnectionsOfOneIdleClientLoseNoStateAndCountExactly() throws Exception {
        // 8 000 connections take 8 000 tokens of 8 010: a state lost or doubled while the client moves between
        // idle and live would leave some other number.
        RateLimiter limiter = limiter(c -> c.maxSessionsPerClient(0).connectionRate("8010/1h"));
        assertThat(admitAndReleaseConcurrently(limiter, "192.0.2.1", 8, 1000)).isZero();
        RateLimitStats stats = limiter.stats();
        assertThat(stats.openConnections()).isZero();
        assertThat(stats.trackedClients()).isEqualTo(1);
        assertThat(((InMemoryRateLimiter) limiter).liveClients()).as("idle again").isZero();
        admitAll(limiter, "192.0.2.1", 10).forEach(Lease::release);
        assertThat(limiter.admit(ip("192.0.2.1")).refusal()).isEqualTo(Refusal.CONNECTION_RATE);
    }

    @Test
    void concurrentSessionsOfOneClientAreCountedUpAndDownExactly() throws Exception {
        // Each thread holds at most one session, so 8 threads never exceed 8; afterwards exactly 8 fit again.
        RateLimiter limiter = limiter(c -> c.maxSessionsPerClient(8).connectionRate(Rate.OFF));
        assertThat(admitAndReleaseConcurrently(limiter, "192.0.2.1", 8, 1000)).isZero();
        assertThat(limiter.stats().openConnections()).isZero();
        admitAll(limiter, "192.0.2.1", 8);
        assertThat(limiter.admit(ip("192.0.2.1")).refusal()).isEqualTo(Refusal.TOO_MANY_SESSIONS);
    }

    @Test
    void aBannedClientWithoutConnectionsIsKeptThroughASprayAndGoesIdleWhenItsBanEnds() throws Exception {
        RateLimiter limiter = limiter(c -> c.maxTrackedClients(1000).maxLoginFailures(1)
                .banDuration(Duration.ofMinutes(10)));
        Lease lease = admitAll(limiter, "192.0.2.66", 1).get(0);
        assertThat(limiter.loginFailed(lease)).isPresent();
        lease.release();
        for (int i = 0; i < 50_000; i++) {
            limiter.admit(ipv4(i)).lease().release();
        }
        assertThat(limiter.admit(ip("192.0.2.66")).refusal()).isEqualTo(Refusal.BANNED);
        assertThat(limiter.activeBan(limiter.keyOf(ip("192.0.2.66")))).isPresent();
        assertThat(((InMemoryRateLimiter) limiter).liveClients()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(10));
        RateLimitStats stats = limiter.stats();
        assertThat(((InMemoryRateLimiter) limiter).liveClients()).as("moved to idle by the sweep").isZero();
        assertThat(stats.trackedClients()).isLessThanOrEqualTo(1000);
        assertThat(limiter.activeBan(limiter.keyOf(ip("192.0.2.66")))).isEmpty();
    }

    @Test
    void aStrikeIsRememberedAfterTheBanEndsWhileTheClientIsIdle() {
        RateLimiter limiter = limiter(c -> c.maxLoginFailures(1).banDuration(Duration.ofMinutes(10))
                .maxBanDuration(Duration.ofHours(1)));
        Lease lease = admitAll(limiter, "192.0.2.1", 1).get(0);
        limiter.loginFailed(lease);
        lease.release();
        clock.advance(Duration.ofMinutes(30));
        limiter.stats(); // the sweep moves the client to idle
        assertThat(((InMemoryRateLimiter) limiter).liveClients()).isZero();
        Ban again = limiter.loginFailed(admitAll(limiter, "192.0.2.1", 1).get(0)).orElseThrow();
        assertThat(again.strike()).isEqualTo(2);
    }

    @Test
    void aConnectionOpenLongerThanTheIdleLifetimeKeepsItsClientsState() throws Exception {
        // 3/1h: a token every 20 minutes, and an idle client matters for 1 hour (a full refill).
        RateLimiter limiter = limiter(c -> c.connectionRate("3/1h"));
        admitAll(limiter, "192.0.2.1", 1).get(0).release(); // idle from 0:00 until 1:00
        clock.advance(Duration.ofMinutes(50));
        List<Lease> leases = admitAll(limiter, "192.0.2.1", 3); // the bucket is empty now
        leases.get(0).release();
        leases.get(1).release();
        clock.advance(Duration.ofMinutes(15)); // 1:05: the idle entry of 0:00 has expired; 0.75 tokens back
        for (int i = 0; i < 2000; i++) {
            limiter.admit(ipv4(i)).lease().release();
        }
        assertThat(limiter.admit(ip("192.0.2.1")).refusal()).isEqualTo(Refusal.CONNECTION_RATE);
        leases.get(2).release();
        assertThat(limiter.admit(ip("192.0.2.1")).refusal()).as("its bucket was kept")
                .isEqualTo(Refusal.CONNECTION_RATE);
        clock.advance(Duration.ofMinutes(5));
        assertThat(limiter.admit(ip("192.0.2.1")).isAllowed()).isTrue();
    }

    @Test
    void anIdleClientExpiresNoEarlierThanItsLifetimeAfterItsLastConnection() {
        // Idle lifetime 10m (the failure window), so the slack is 37.5s: a reconnect 30s later skips the re-put.
        RateLimiter limiter = limiter(c -> c.loginFailureWindow(Duration.ofMinutes(10)));
        limiter.admit(ip("192.0.2.1")).lease().release();
        limiter.admit(ip("192.0.2.2")).lease().release();
        clock.advance(Duration.ofSeconds(30));
        limiter.admit(ip("192.0.2.1")).lease().release(); // within the slack
        clock.advance(Duration.ofSeconds(90));
        limiter.admit(ip("192.0.2.2")).lease().release(); // past it: put again
        clock.advance(Duration.ofMinutes(8).plusSeconds(29)); // 10:29: 192.0.2.1's lifetime ends at 10:30
        assertThat(limiter.stats().trackedClients()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(90)); // 11:59: 192.0.2.1 is past its lifetime plus the slack; .2 is not
        assertThat(limiter.stats().trackedClients()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(1)); // 12:59: so is 192.0.2.2
        assertThat(limiter.stats().trackedClients()).isZero();
    }
}

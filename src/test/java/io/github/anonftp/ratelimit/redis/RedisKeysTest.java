package io.github.anonftp.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.anonftp.ratelimit.Admission;
import io.github.anonftp.ratelimit.Ban;
import io.github.anonftp.ratelimit.ClientKey;
import io.github.anonftp.ratelimit.Lease;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.Refusal;
import io.github.anonftp.ratelimit.UploadAllowance;
import io.github.anonftp.testing.MutableClock;
import io.github.anonftp.testing.RedisServer;

/**
 * Redis-only behaviour: two limiters on one Redis are one farm, every key has a TTL, hashed keys under IP
 * privacy, operators' bans and upload quotas shared, a clean stop frees slots at once, a dead node's slots free after one lease, atomic admission.
 */
@Timeout(60)
class RedisKeysTest {

    private static RedisServer redis;
    private static final AtomicInteger FARMS = new AtomicInteger();
    private final MutableClock clock = new MutableClock();
    private final List<RedisRateLimiter> started = new ArrayList<>();
    private final String prefix = "keys" + FARMS.incrementAndGet() + ":";

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @AfterEach
    void closeLimiters() {
        started.forEach(RedisRateLimiter::close);
    }

    private RedisRateLimiter node(UnaryOperator<RateLimitConfig.Builder> limits,
            UnaryOperator<RedisConfig.Builder> farm) {
        RedisRateLimiter limiter = RedisRateLimiter.start(limits.apply(RateLimitConfig.builder()).build(),
                farm.apply(RedisConfig.builder().redis(redis.url()).redisPrefix(prefix)
                        .redisTimeout(Duration.ofSeconds(2)).redisLease(Duration.ofSeconds(30))).build(), clock);
        started.add(limiter);
        return limiter;
    }

    private RedisRateLimiter node(UnaryOperator<RateLimitConfig.Builder> limits) {
        return node(limits, farm -> farm);
    }

    private static InetAddress ip(String literal) {
        return RedisOutageTest.ip(literal);
    }

    @Test
    void twoNodesShareTheSessionCapTheConnectionRateAndBans() throws Exception {
        RedisRateLimiter a = node(c -> c.maxSessionsPerClient(2).maxLoginFailures(2));
        RedisRateLimiter b = node(c -> c.maxSessionsPerClient(2).maxLoginFailures(2));
        Lease first = a.admit(ip("192.0.2.1")).lease();
        assertThat(b.admit(ip("192.0.2.1")).isAllowed()).isTrue();
        assertThat(a.admit(ip("192.0.2.1")).refusal()).isEqualTo(Refusal.TOO_MANY_SESSIONS);
        assertThat(b.admit(ip("192.0.2.1")).refusal()).isEqualTo(Refusal.TOO_MANY_SESSIONS);
        a.loginFailed(first);
        Admission other = b.admit(ip("192.0.2.2"));
        assertThat(other.isAllowed()).as("%s, %s", other, b.stats().shared()).isTrue();
        assertThat(b.loginFailed(other.lease())).isEmpty();
        first.release();
        awaitSlots(a, "192.0.2.1", 1); // a release reaches Redis a moment later: it is sent, not awaited
        Lease again = b.admit(ip("192.0.2.1")).lease();
        assertThat(b.loginFailed(again)).as("the second failure, on the other node, bans").isPresent();
        Admission refused = a.admit(ip("192.0.2.1"));
        assertThat(refused.refusal()).isEqualTo(Refusal.BANNED);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(a.activeBan(a.keyOf(ip("192.0.2.1")))).isPresent();
        a.unban(a.keyOf(ip("192.0.2.1")));
        assertThat(b.activeBan(b.keyOf(ip("192.0.2.1")))).as("unban on one node lifts it farm-wide").isEmpty();
    }

    @Test
    void anOperatorsBanOnOneNodeRefusesOnTheOtherAndForgettingItOnEitherLiftsItFarmWide() {
        RedisRateLimiter a = node(c -> c.maxLoginFailures(3));
        RedisRateLimiter b = node(c -> c.maxLoginFailures(3));
        ClientKey key = a.keyOf(ip("192.0.2.1"));
        Ban ban = a.ban(key, Duration.ofMinutes(5));
        assertThat(ban.strike()).isEqualTo(1);
        Admission refused = b.admit(ip("192.0.2.1"));
        assertThat(refused.refusal()).as("banned through the other node").isEqualTo(Refusal.BANNED);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(5));
        assertThat(b.activeBan(key)).get().extracting(Ban::length).isEqualTo(Duration.ofMinutes(5));
        assertThat(b.activeBans()).extracting(Ban::key).containsExactly(key);
        assertThat(b.ban(key, Duration.ofMinutes(1)).strike()).as("the strikes are the farm's").isEqualTo(2);
        assertThat(a.activeBan(key)).get().extracting(Ban::length).as("replaced").isEqualTo(Duration.ofMinutes(1));
        b.forget(key);
        assertThat(a.admit(ip("192.0.2.1")).isAllowed()).as("forgotten on the other node").isTrue();
        assertThat(a.activeBans()).as("re-read in Redis").isEmpty();
        assertThat(a.ban(key, Duration.ofMinutes(1)).strike()).as("strikes forgotten farm-wide").isEqualTo(1);
    }

    @Test
    void theUploadQuotasHoldAcrossNodesAndTheirKeysLiveForThePeriod() throws Exception {
        UnaryOperator<RateLimitConfig.Builder> quotas = c -> c.uploadQuotaPerClient("10KiB/1h")
                .uploadFilesPerClient("3/1d");
        RedisRateLimiter a = node(quotas);
        RedisRateLimiter b = node(quotas);
        ClientKey key = a.keyOf(ip("192.0.2.1"));
        assertThat(a.startUpload(key).isAllowed()).isTrue();
        assertThat(a.claimUploadBytes(key, 6 * 1024)).isEqualTo(6 * 1024);
        clock.advance(Duration.ofMinutes(15));
        UploadAllowance second = b.startUpload(key);
        assertThat(second.bytesLeft()).as("what the other node counted").isEqualTo(4 * 1024);
        assertThat(second.filesLeft()).isEqualTo(2);
        assertThat(b.claimUploadBytes(key, 6 * 1024)).as("only what is left farm-wide").isEqualTo(4 * 1024);
        UploadAllowance spent = a.startUpload(key);
        assertThat(spent.refusal()).isEqualTo(Refusal.UPLOAD_QUOTA);
        assertThat(spent.retryAfter()).as("the window opened at the first upload").isEqualTo(Duration.ofMinutes(45));
        a.returnUpload(key, 1024, true);
        assertThat(b.uploadAllowance(key).bytesLeft()).as("given back through the other node").isEqualTo(1024);
        assertThat(b.startUpload(key).filesLeft()).isEqualTo(2);
        assertThat(b.startUpload(key).filesLeft()).isEqualTo(1);
        assertThat(a.startUpload(key).refusal()).isEqualTo(Refusal.UPLOAD_FILES);
        String id = a.redisKey(key);
        assertThat(redis.pttl(id + ":upbytes")).as("the byte window's TTL").isPositive()
                .isLessThanOrEqualTo(Duration.ofMinutes(45).plusSeconds(1).toMillis());
        assertThat(redis.pttl(id + ":upfiles")).as("the file window's TTL").isPositive()
                .isLessThanOrEqualTo(Duration.ofDays(1).minusMinutes(15).plusSeconds(1).toMillis());
        clock.advance(Duration.ofMinutes(45));
        assertThat(b.claimUploadBytes(key, 20 * 1024)).as("a new byte window").isEqualTo(10 * 1024);
        assertThat(b.uploadAllowance(key).refusal()).as("the file window still runs").isEqualTo(Refusal.UPLOAD_FILES);
        assertThat(a.stats().refusals(Refusal.UPLOAD_QUOTA)).isEqualTo(1);
        assertThat(b.stats().refusals(Refusal.UPLOAD_QUOTA)).as("each short claim").isEqualTo(2);
    }

    private static void awaitSlots(RedisRateLimiter node, String address, long count) throws Exception {
        String key = node.redisKey(node.keyOf(ip(address))) + ":slots";
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!Long.valueOf(count).equals(redis.call("ZCARD", key))) {
            assertThat(System.nanoTime()).as("%s holding %d slots", key, count).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void theConnectionRateHoldsAcrossNodes() {
        RedisRateLimiter a = node(c -> c.connectionRate("4/1m").maxSessionsPerClient(0));
        RedisRateLimiter b = node(c -> c.connectionRate("4/1m").maxSessionsPerClient(0));
        for (int i = 0; i < 4; i++) {
            assertThat((i % 2 == 0 ? a : b).admit(ip("192.0.2.1")).isAllowed()).isTrue();
        }
        Admission refused = b.admit(ip("192.0.2.1"));
        assertThat(refused.refusal()).isEqualTo(Refusal.CONNECTION_RATE);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void everyKeyHasATtlAndASprayLeavesOnlyExpiringKeys() throws Exception {
        RedisRateLimiter limiter = node(c -> c.maxLoginFailures(3));
        for (int i = 0; i < 2000; i++) {
            Admission admission = limiter.admit(InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >> 8),
                    (byte) i}));
            if (i % 3 == 0) {
                limiter.loginFailed(admission.lease());
            }
            admission.lease().release();
        }
        Lease held = limiter.admit(ip("192.0.2.1")).lease();
        for (int i = 0; i < 3; i++) {
            limiter.loginFailed(held);
        }
        List<String> keys = redis.keys(prefix + "*");
        assertThat(keys).hasSizeGreaterThan(2000).allMatch(key -> key.startsWith(prefix + "{"));
        for (String key : keys) {
            long ttl = redis.pttl(key);
            // -2: expired since KEYS listed it (a full connection bucket's key lives a few seconds); -1 = no TTL
            assertThat(ttl).as("TTL of %s", key).isNotEqualTo(-1)
                    .isLessThanOrEqualTo(Duration.ofHours(24).plusMinutes(11).toMillis());
        }
        held.release();
    }

    @Test
    void withAKeySecretRedisHoldsNoAddress() throws Exception {
        RedisRateLimiter limiter = node(c -> c.maxLoginFailures(1),
                farm -> farm.keySecret("a secret of sixteen or more"));
        Lease lease = limiter.admit(ip("203.0.113.77")).lease();
        limiter.loginFailed(lease);
        List<String> keys = redis.keys(prefix + "*");
        assertThat(keys).isNotEmpty().noneMatch(key -> key.contains("203.0.113")).allMatch(key -> key.contains("{h."));
        assertThat(limiter.admit(ip("203.0.113.77")).refusal()).isEqualTo(Refusal.BANNED);
    }

    @Test
    void aCleanStopFreesTheNodesSlotsAtOnce() {
        RedisRateLimiter a = node(c -> c.maxSessionsPerClient(2));
        RedisRateLimiter b = node(c -> c.maxSessionsPerClient(2));
        a.admit(ip("192.0.2.1"));
        a.admit(ip("192.0.2.1"));
        assertThat(b.admit(ip("192.0.2.1")).refusal()).isEqualTo(Refusal.TOO_MANY_SESSIONS);
        a.close(); // waits for its slots to be freed
        assertThat(b.admit(ip("192.0.2.1")).isAllowed()).isTrue();
    }

    @Test
    void theSlotsOfANodeThatDiedFreeAfterOneLease() {
        RedisRateLimiter a = node(c -> c.maxSessionsPerClient(2));
        RedisRateLimiter b = node(c -> c.maxSessionsPerClient(2));
        a.admit(ip("192.0.2.1"));
        a.admit(ip("192.0.2.1"));
        a.crash();
        clock.advance(Duration.ofSeconds(29));
        assertThat(b.admit(ip("192.0.2.1")).refusal()).as("within the lease").isEqualTo(Refusal.TOO_MANY_SESSIONS);
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.admit(ip("192.0.2.1")).isAllowed()).as("after the lease").isTrue();
    }

    @Test
    void eightThreadsOnTwoNodesNeverExceedTheCap() throws Exception {
        int cap = 3;
        RedisRateLimiter a = node(c -> c.maxSessionsPerClient(cap).connectionRate("0"));
        RedisRateLimiter b = node(c -> c.maxSessionsPerClient(cap).connectionRate("0"));
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CyclicBarrier go = new CyclicBarrier(8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                RedisRateLimiter node = t % 2 == 0 ? a : b;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 300; i++) {
                        Admission admission = node.admit(ip("192.0.2.1"));
                        if (!admission.isAllowed()) {
                            refused.incrementAndGet();
                            continue;
                        }
                        most.accumulateAndGet(holding.incrementAndGet(), Math::max);
                        holding.decrementAndGet();
                        admission.lease().release();
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(most.get()).isLessThanOrEqualTo(cap);
        assertThat(refused.get()).as("the cap was reached").isPositive();
        assertThat(redis.call("ZCARD", a.redisKey(a.keyOf(ip("192.0.2.1"))) + ":slots")).isEqualTo(0L);
    }
}

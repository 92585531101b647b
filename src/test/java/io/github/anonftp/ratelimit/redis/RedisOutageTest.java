package io.github.anonftp.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.anonftp.ratelimit.Admission;
import io.github.anonftp.ratelimit.Ban;
import io.github.anonftp.ratelimit.ClientKey;
import io.github.anonftp.ratelimit.Lease;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.Refusal;
import io.github.anonftp.ratelimit.SharedStoreStats;
import io.github.anonftp.testing.RedisServer;

/**
 * Redis killed (SIGKILL), frozen (SIGSTOP) and restarted under a running limiter: what {@code open} and
 * {@code closed} do, that no call waits past the timeout, one warning, and the recovery with the slots of open
 * sessions written back.
 */
@Timeout(60)
class RedisOutageTest {

    /** Generous for a loaded 2-core machine: the bound asserted is the timeout plus this. */
    private static final long SLACK_MILLIS = 1000;

    private RedisServer redis;
    private final WarningLog log = new WarningLog();
    private final List<RedisRateLimiter> started = new ArrayList<>();

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stop() throws Exception {
        started.forEach(RedisRateLimiter::close);
        ProcessHandle.of(redis.pid()).ifPresent(handle -> signal("CONT", handle.pid()));
        redis.close();
    }

    /**
     * A limiter with a 2 s timeout: a killed Redis fails calls at once whatever the timeout, and a loaded test
     * machine must not fake an outage before the real one.
     */
    private RedisRateLimiter limiter(RedisConfig.FailureMode mode, int maxSessions) {
        return limiter(mode, maxSessions, Duration.ofSeconds(2));
    }

    /** With a short timeout, for a Redis that is frozen (SIGSTOP) rather than killed. */
    private RedisRateLimiter limiter(RedisConfig.FailureMode mode, int maxSessions, Duration timeout) {
        RedisRateLimiter limiter = RedisRateLimiter.start(
                RateLimitConfig.builder().maxSessionsPerClient(maxSessions).build(),
                RedisConfig.builder().redis(redis.url()).redisFailure(mode).redisTimeout(timeout)
                        .redisLease(Duration.ofSeconds(30)).build(), null, log.logger());
        started.add(limiter);
        return limiter;
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Admits and returns the admission, asserting it took no longer than the timeout (plus slack). */
    private static Admission timedAdmit(RedisRateLimiter limiter, String address) {
        long start = System.nanoTime();
        Admission admission = limiter.admit(ip(address));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(millis).as("admission of %s waited", address)
                .isLessThanOrEqualTo(limiter.redisConfig().redisTimeout().toMillis() + SLACK_MILLIS);
        return admission;
    }

    private static void await(String what, BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + within);
            }
            Thread.sleep(20);
        }
    }

    private static void signal(String name, long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start();
            kill.waitFor();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void openModeAdmitsOnTheNodesOwnLimitsWarnsOnceAndWritesTheSlotsBackWhenRedisReturns() throws Exception {
        RedisRateLimiter limiter = limiter(RedisConfig.FailureMode.OPEN, 3);
        List<Lease> held = new ArrayList<>();
        held.add(timedAdmit(limiter, "192.0.2.1").lease());
        held.add(timedAdmit(limiter, "192.0.2.1").lease());

        redis.kill();
        Admission third = timedAdmit(limiter, "192.0.2.1");
        assertThat(third.isAllowed()).isTrue();
        held.add(third.lease());
        Admission fourth = timedAdmit(limiter, "192.0.2.1");
        assertThat(fourth.refusal()).as("the node counts the sessions it admitted through Redis too")
                .isEqualTo(Refusal.TOO_MANY_SESSIONS);
        for (int i = 0; i < 3000; i++) { // sessions that begin and end during the outage leave nothing to do after
            limiter.admit(InetAddress.getByAddress(new byte[] {10, 9, (byte) (i >> 8), (byte) i})).lease().release();
        }
        for (int i = 0; i < 30; i++) {
            timedAdmit(limiter, "198.51.100." + (i + 1)).lease().release();
        }
        SharedStoreStats down = limiter.stats().shared();
        assertThat(down.available()).isFalse();
        assertThat(down.outages()).isEqualTo(1);
        assertThat(down.localDecisions()).isGreaterThanOrEqualTo(32);
        assertThat(log.warnings()).as("one warning for the whole outage").hasSize(1);
        assertThat(log.warnings().get(0)).contains("stopped answering").contains("redisFailure=open");

        redis.restart(); // empty: it lost every slot
        await("recovery", () -> limiter.stats().shared().available(), Duration.ofSeconds(10));
        String slots = limiter.redisKey(limiter.keyOf(ip("192.0.2.1"))) + ":slots";
        assertThat(redis.call("ZCARD", slots)).as("the three open sessions were re-registered").isEqualTo(3L);
        assertThat(limiter.stats().shared().recoveries()).isEqualTo(1);
        assertThat(limiter.stats().shared().reRegisteredSlots()).isEqualTo(3);
        assertThat(log.messages()).anyMatch(line -> line.startsWith("INFO ") && line.contains("answers again"));
        assertThat(timedAdmit(limiter, "192.0.2.1").refusal()).as("Redis counts right again")
                .isEqualTo(Refusal.TOO_MANY_SESSIONS);
        held.get(0).release();
        await("the release reaching Redis", () -> {
            try {
                return Long.valueOf(2).equals(redis.call("ZCARD", slots));
            } catch (java.io.IOException e) {
                return false;
            }
        }, Duration.ofSeconds(5));
        assertThat(timedAdmit(limiter, "192.0.2.1").isAllowed()).isTrue();
    }

    @Test
    void closedModeRefusesWhileRedisIsAwayAndAdmitsAgainAfterItReturns() throws Exception {
        RedisRateLimiter limiter = limiter(RedisConfig.FailureMode.CLOSED, 8);
        assertThat(timedAdmit(limiter, "192.0.2.1").isAllowed()).isTrue();
        redis.kill();
        for (int i = 0; i < 20; i++) {
            Admission refused = timedAdmit(limiter, "192.0.2." + (i + 2));
            assertThat(refused.refusal()).isEqualTo(Refusal.UNAVAILABLE);
        }
        assertThat(limiter.stats().refusals(Refusal.UNAVAILABLE)).isEqualTo(20);
        assertThat(log.warnings()).hasSize(1);
        assertThat(log.warnings().get(0)).contains("redisFailure=closed");
        redis.restart();
        await("recovery", () -> limiter.stats().shared().available(), Duration.ofSeconds(10));
        assertThat(timedAdmit(limiter, "192.0.2.1").isAllowed()).isTrue();
    }

    @Test
    void aFrozenRedisCostsEachCallAtMostTheTimeout() throws Exception {
        RedisRateLimiter limiter = limiter(RedisConfig.FailureMode.OPEN, 8, Duration.ofMillis(300));
        Lease lease = timedAdmit(limiter, "192.0.2.1").lease();
        signal("STOP", redis.pid());
        try {
            Admission admitted = timedAdmit(limiter, "192.0.2.2");
            assertThat(admitted.isAllowed()).isTrue();
            long start = System.nanoTime();
            limiter.loginFailed(lease);
            limiter.activeBan(lease.key());
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThanOrEqualTo(300 + SLACK_MILLIS);
            assertThat(limiter.stats().shared().available()).isFalse();
        } finally {
            signal("CONT", redis.pid());
        }
        await("recovery", () -> limiter.stats().shared().available(), Duration.ofSeconds(10));
        assertThat(log.warnings()).hasSize(1);
    }

    @Test
    void aSessionThatEndsWhileRedisIsAwayFreesItsSlotAtTheRecoveryNotAtLeaseEnd() throws Exception {
        RedisRateLimiter limiter = limiter(RedisConfig.FailureMode.OPEN, 2, Duration.ofMillis(300));
        Lease first = timedAdmit(limiter, "192.0.2.1").lease();
        timedAdmit(limiter, "192.0.2.1");
        String slots = limiter.redisKey(first.key()) + ":slots";
        signal("STOP", redis.pid());
        try {
            timedAdmit(limiter, "192.0.2.9"); // times out: Redis is away from now on
            assertThat(limiter.stats().shared().available()).isFalse();
            first.release();
        } finally {
            signal("CONT", redis.pid());
        }
        await("recovery", () -> limiter.stats().shared().available(), Duration.ofSeconds(10));
        assertThat(redis.call("ZCARD", slots)).as("the ended session's slot is gone, the open one kept")
                .isEqualTo(1L);
        assertThat(timedAdmit(limiter, "192.0.2.1").isAllowed()).isTrue();
    }

    @Test
    void aBanSeenInRedisStillAppliesWhileRedisIsAway() throws Exception {
        RedisRateLimiter limiter = RedisRateLimiter.start(RateLimitConfig.builder().maxLoginFailures(1).build(),
                RedisConfig.builder().redis(redis.url()).redisTimeout(Duration.ofSeconds(1)).build(), null, log.logger());
        started.add(limiter);
        Lease lease = limiter.admit(ip("192.0.2.1")).lease();
        assertThat(limiter.loginFailed(lease)).isPresent();
        redis.kill();
        Admission refused = timedAdmit(limiter, "192.0.2.1");
        assertThat(refused.refusal()).isEqualTo(Refusal.BANNED);
        assertThat(refused.retryAfter()).isPositive();
        assertThat(limiter.activeBan(lease.key())).isPresent();
    }

    @Test
    void operatorsBansAndUploadQuotasFallBackToTheNodeWhileRedisIsAway() throws Exception {
        RedisRateLimiter limiter = RedisRateLimiter.start(RateLimitConfig.builder().maxLoginFailures(1)
                .uploadFilesPerClient("2/1d").build(),
                RedisConfig.builder().redis(redis.url()).redisTimeout(Duration.ofSeconds(1)).build(), null, log.logger());
        started.add(limiter);
        ClientKey banned = limiter.keyOf(ip("192.0.2.1"));
        ClientKey uploader = limiter.keyOf(ip("192.0.2.2"));
        limiter.ban(banned, Duration.ofMinutes(5));
        assertThat(limiter.startUpload(uploader).filesLeft()).isEqualTo(2);
        redis.kill();
        assertThat(timedAdmit(limiter, "192.0.2.1").refusal()).as("the operator's ban, remembered")
                .isEqualTo(Refusal.BANNED);
        ClientKey later = limiter.keyOf(ip("192.0.2.3"));
        assertThat(limiter.ban(later, Duration.ofMinutes(1)).strike()).isEqualTo(1);
        assertThat(timedAdmit(limiter, "192.0.2.3").refusal()).as("a ban made alone").isEqualTo(Refusal.BANNED);
        assertThat(limiter.activeBans()).extracting(Ban::key).containsExactlyInAnyOrder(banned, later);
        assertThat(limiter.startUpload(uploader).isAllowed()).as("counted by the node alone, from zero").isTrue();
        assertThat(limiter.startUpload(uploader).isAllowed()).isTrue();
        assertThat(limiter.startUpload(uploader).refusal()).isEqualTo(Refusal.UPLOAD_FILES);
        assertThat(limiter.stats().shared().localDecisions()).isPositive();
    }

    @Test
    void closedModeFailsStartUpWhenRedisCannotBeReachedAndNamesTheSetting() throws Exception {
        redis.kill();
        assertThatThrownBy(() -> limiter(RedisConfig.FailureMode.CLOSED, 8))
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessageContaining("rateLimit.redis").hasMessageContaining(redis.url())
                .hasMessageContaining("cannot be reached").hasMessageContaining("rateLimit.redisFailure");
    }

    @Test
    void openModeStartsWithoutRedisWarnsAndUsesItOnceItIsThere() throws Exception {
        redis.kill();
        RedisRateLimiter limiter = limiter(RedisConfig.FailureMode.OPEN, 1);
        assertThat(log.warnings()).singleElement().asString().contains("cannot be reached at start-up");
        Lease lease = timedAdmit(limiter, "192.0.2.1").lease();
        assertThat(lease).isNotNull();
        redis.restart();
        await("connection", () -> limiter.stats().shared().available(), Duration.ofSeconds(10));
        String slots = limiter.redisKey(lease.key()) + ":slots";
        assertThat(redis.call("ZCARD", slots)).as("the session admitted meanwhile was registered").isEqualTo(1L);
        assertThat(timedAdmit(limiter, "192.0.2.1").refusal()).isEqualTo(Refusal.TOO_MANY_SESSIONS);
    }
}

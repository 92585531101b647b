package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.redis.RedisConfig;
import io.github.anonftp.testing.ChildServer;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.RedisServer;

/**
 * Two real anonftp servers sharing one real Redis, as a farm behind a load balancer would: the per-address cap,
 * bans and the failure modes as an FTP client sees them, and a node killed with SIGKILL while holding slots.
 */
@Timeout(90)
class FarmTest {

    private static final String TOO_MANY_2 = "421 Too many connections from your address (2); try again later.\r\n";

    @TempDir
    Path dir;

    private RedisServer redis;
    private final List<AnonFtpServer> servers = new ArrayList<>();
    private ChildServer child;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopAll() throws Exception {
        servers.forEach(AnonFtpServer::stop);
        if (child != null) {
            child.close();
        }
        redis.close();
    }

    private AnonFtpServer node(UnaryOperator<RateLimitConfig.Builder> limits, RedisConfig.FailureMode mode)
            throws Exception {
        AnonFtpServer server = AnonFtpServer.builder()
                .rateLimit(limits.apply(RateLimitConfig.builder()).build())
                // A generous timeout: on a loaded machine a slow answer would make a node decide alone.
                .redis(RedisConfig.builder().redis(redis.url()).redisFailure(mode).redisTimeout(Duration.ofSeconds(2))
                        .build())
                .accessLog(AccessLogConfig.builder().destination(AccessLogConfig.NONE).build())
                .build();
        servers.add(server);
        return server.start();
    }

    private AnonFtpServer node(UnaryOperator<RateLimitConfig.Builder> limits) throws Exception {
        return node(limits, RedisConfig.FailureMode.OPEN);
    }

    private static RawFtp connect(AnonFtpServer server, String source) throws IOException {
        return RawFtp.connect("127.0.0.1", server.port(), source);
    }

    static String greeting(AnonFtpServer server, String source) throws IOException {
        try (RawFtp ftp = connect(server, source)) {
            return ftp.reply();
        }
    }

    @Test
    void thePerAddressCapHoldsAcrossBothNodes() throws Exception {
        AnonFtpServer a = node(c -> c.maxSessionsPerClient(2));
        AnonFtpServer b = node(c -> c.maxSessionsPerClient(2));
        try (RawFtp first = connect(a, "127.0.0.2"); RawFtp second = connect(b, "127.0.0.2")) {
            assertThat(first.reply()).startsWith("220");
            assertThat(second.reply()).startsWith("220");
            assertThat(greeting(a, "127.0.0.2")).isEqualTo(TOO_MANY_2);
            assertThat(greeting(b, "127.0.0.2")).isEqualTo(TOO_MANY_2);
            assertThat(greeting(b, "127.0.0.3")).as("another address").startsWith("220");
        }
    }

    @Test
    void aClientBannedThroughOneNodeIsRefusedAtConnectOnTheOther() throws Exception {
        AnonFtpServer a = node(c -> c.maxLoginFailures(2).banDuration(Duration.ofMinutes(10)));
        AnonFtpServer b = node(c -> c.maxLoginFailures(2).banDuration(Duration.ofMinutes(10)));
        try (RawFtp ftp = connect(a, "127.0.0.4")) {
            assertThat(ftp.reply()).startsWith("220");
            assertThat(ftp.command("USER anonymous")).startsWith("331");
            assertThat(ftp.command("PASS not-an-address")).startsWith("530");
            assertThat(ftp.command("USER anonymous")).startsWith("331");
            ftp.send("PASS still-not-an-address\r\n");
            assertThat(ftp.reply()).startsWith("530");
            assertThat(ftp.reply()).isEqualTo(
                    "421 Too many failed logins from your address; try again in 10 minutes.\r\n");
        }
        assertThat(greeting(b, "127.0.0.4"))
                .isEqualTo("421 Too many failed logins from your address; try again in 10 minutes.\r\n");
        assertThat(greeting(b, "127.0.0.5")).startsWith("220");
    }

    @Test
    void eightThreadsHammeringBothNodesForOneAddressNeverExceedTheCap() throws Exception {
        int cap = 3;
        AnonFtpServer a = node(c -> c.maxSessionsPerClient(cap).connectionRate("0"));
        AnonFtpServer b = node(c -> c.maxSessionsPerClient(cap).connectionRate("0"));
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CyclicBarrier go = new CyclicBarrier(8);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                AnonFtpServer node = t % 2 == 0 ? a : b;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 25; i++) {
                        try (RawFtp ftp = connect(node, "127.0.0.6")) {
                            String reply = ftp.reply();
                            if (reply.startsWith("220")) {
                                admitted.incrementAndGet();
                                most.accumulateAndGet(holding.incrementAndGet(), Math::max);
                                Thread.sleep(2);
                                holding.decrementAndGet();
                                ftp.command("QUIT");
                            } else {
                                assertThat(reply).isEqualTo("421 Too many connections from your address (3); try"
                                        + " again later.\r\n");
                                refused.incrementAndGet();
                            }
                        }
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
        assertThat(most.get()).as("sessions held at once, both nodes").isLessThanOrEqualTo(cap);
        assertThat(admitted.get()).isPositive();
        assertThat(refused.get()).as("the cap was reached").isPositive();
    }

    @Test
    void closedModeRefusesBeforeTheGreetingWhileRedisIsDownAndRecovers() throws Exception {
        AnonFtpServer a = node(c -> c, RedisConfig.FailureMode.CLOSED);
        assertThat(greeting(a, "127.0.0.7")).startsWith("220");
        redis.kill();
        long start = System.nanoTime();
        assertThat(greeting(a, "127.0.0.7")).isEqualTo("421 Service temporarily unavailable; try again later.\r\n");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000 + 1000);
        redis.restart();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String reply;
        do {
            Thread.sleep(100);
            reply = greeting(a, "127.0.0.7");
        } while (!reply.startsWith("220") && System.nanoTime() < deadline);
        assertThat(reply).as("after Redis came back").startsWith("220");
        assertThat(a.rateLimiter().stats().shared().recoveries()).isEqualTo(1);
    }

    @Test
    void openModeKeepsServingLoginsWhileRedisIsDown() throws Exception {
        AnonFtpServer a = node(c -> c);
        redis.kill();
        try (RawFtp ftp = connect(a, "127.0.0.8")) {
            assertThat(ftp.reply()).startsWith("220");
            assertThat(ftp.command("USER anonymous")).startsWith("331");
            assertThat(ftp.command("PASS guest@example.com")).startsWith("230");
        }
        assertThat(a.rateLimiter().stats().shared().available()).isFalse();
    }

    @Test
    void aNodeKilledWithSigkillWhileHoldingSlotsFreesThemWithinTheLease() throws Exception {
        child = ChildServer.fromClassPath("--port", "0", "--root", dir.toString(), "--access-log", "none",
                "--max-sessions-per-ip", "2", "--redis", redis.url(), "--redis-lease", "3s");
        AnonFtpServer b = node(c -> c.maxSessionsPerClient(2).connectionRate("0"));
        assertKilledNodesSlotsFreeWithinTheLease(redis, child, b);
    }

    /**
     * The child holds both slots of 127.0.0.9 (cap 2, lease 3 s); after SIGKILL, {@code other} refuses the address
     * at first and admits it again within the lease (plus a second for the probe loop).
     */
    static void assertKilledNodesSlotsFreeWithinTheLease(RedisServer redis, ChildServer child, AnonFtpServer other)
            throws Exception {
        RawFtp one = RawFtp.connect("127.0.0.1", child.port(), "127.0.0.9");
        RawFtp two = RawFtp.connect("127.0.0.1", child.port(), "127.0.0.9");
        try {
            assertThat(one.reply()).startsWith("220");
            assertThat(two.reply()).startsWith("220");
            awaitSlots(redis, "anonftp:{127.0.0.9}:slots", 2);
            assertThat(greeting(other, "127.0.0.9")).as("the child holds both slots").isEqualTo(TOO_MANY_2);
            child.kill(); // SIGKILL: no clean stop, no slot freed
            long killed = System.nanoTime();
            assertThat(greeting(other, "127.0.0.9")).as("right after the kill the leases still run")
                    .isEqualTo(TOO_MANY_2);
            String reply;
            do {
                Thread.sleep(100);
                reply = greeting(other, "127.0.0.9");
            } while (!reply.startsWith("220") && System.nanoTime() - killed < TimeUnit.SECONDS.toNanos(8));
            long waited = (System.nanoTime() - killed) / 1_000_000;
            assertThat(reply).startsWith("220");
            assertThat(waited).as("ms until admitted again, lease 3 s").isLessThanOrEqualTo(3000 + 1000);
        } finally {
            one.close();
            two.close();
        }
    }

    /** Waits (at most 10 s) until Redis holds {@code count} slots in {@code key}. */
    static void awaitSlots(RedisServer redis, String key, long count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Long.valueOf(count).equals(redis.call("ZCARD", key))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(key + " never held " + count + " slots");
            }
            Thread.sleep(20);
        }
    }
}

package io.github.anonftp.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.github.anonftp.ratelimit.Admission;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.RateLimitStats;
import io.github.anonftp.ratelimit.redis.RedisConfig;
import io.github.anonftp.ratelimit.redis.RedisRateLimiter;
import io.github.anonftp.testing.RedisServer;

/**
 * One connection's admission through the Redis farm limiter against a local redis-server (started by the
 * trial on a free loopback port): {@code admit(address)}, one round trip running the admission script, and
 * {@code lease.release()}, a ZREM sent without waiting. Sample time, so JMH reports p50 and p99. The default
 * limits, with a connection rate of 1 000 000 000/1s so that every admission takes a token and none is
 * refused; addresses from an {@link AddressPool}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RedisAdmissionBenchmark {

    /** The Redis server and the limiter, one per trial, shared by all threads. */
    @State(Scope.Benchmark)
    public static class Farm {

        RedisServer redis;
        RedisRateLimiter limiter;
        io.lettuce.core.RedisClient client;
        io.lettuce.core.api.sync.RedisCommands<String, String> baseline;

        @Setup
        public void setUp() throws Exception {
            redis = RedisServer.start();
            limiter = RedisRateLimiter.start(RateLimitConfig.builder().connectionRate("1000000000/1s").build(),
                    RedisConfig.builder().redis(redis.url()).redisLease(Duration.ofSeconds(30)).build());
            client = io.lettuce.core.RedisClient.create(redis.url());
            baseline = client.connect().sync();
        }

        @TearDown
        public void tearDown() throws Exception {
            RateLimitStats stats = limiter.stats();
            System.out.printf("%n[redis limiter] refusals %s, shared %s%n", stats.refusals(), stats.shared());
            limiter.close();
            client.shutdown();
            redis.close();
        }
    }

    /** Baseline: one PING round trip to the same Redis on a plain Lettuce connection. */
    @Benchmark
    public String pingBaseline(Farm farm) {
        return farm.baseline.ping();
    }

    @Benchmark
    public boolean admitAndRelease(Farm farm, AddressCursor cursor, Outcomes outcomes) {
        Admission admission = farm.limiter.admit(cursor.next());
        if (admission.isAllowed()) {
            admission.lease().release();
            return outcomes.count(true);
        }
        return outcomes.count(false);
    }
}

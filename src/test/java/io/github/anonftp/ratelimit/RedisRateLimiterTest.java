package io.github.anonftp.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

import io.github.anonftp.ratelimit.redis.RedisConfig;
import io.github.anonftp.ratelimit.redis.RedisRateLimiter;
import io.github.anonftp.testing.MutableClock;
import io.github.anonftp.testing.RedisServer;

/** The rate-limit contract, unchanged, against {@link RedisRateLimiter} on a real redis-server. */
@Timeout(60)
class RedisRateLimiterTest extends RateLimiterContract {

    private static RedisServer redis;
    private static final AtomicInteger FARMS = new AtomicInteger();
    private final List<RedisRateLimiter> started = new ArrayList<>();

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @Override
    RateLimiter limiter(RateLimitConfig config, MutableClock clock) {
        // A prefix per test: each one is a farm of its own on the shared server.
        RedisRateLimiter limiter = RedisRateLimiter.start(config, RedisConfig.builder().redis(redis.url())
                .redisPrefix("contract" + FARMS.incrementAndGet() + ":").redisTimeout(Duration.ofSeconds(2)).build(), clock);
        started.add(limiter);
        return limiter;
    }

    @AfterEach
    void closeLimiters() {
        started.forEach(RedisRateLimiter::close);
    }
}

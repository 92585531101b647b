package io.github.anonftp.ratelimit.redis;

import java.util.Map;

import org.apache.ftpserver.FtpServerConfigurationException;

import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.RateLimiter;

/**
 * Starts a farm limiter from settings given as text (Spring XML properties), so that code which must also run
 * without the Redis add-on (the drop-in jar's factory bean) names no Lettuce or Redis type: it calls this class
 * only when {@code rateLimit.redis} is set, and a missing add-on is a {@link NoClassDefFoundError} right here.
 */
public final class RedisLimiters {

    private RedisLimiters() {
    }

    /**
     * @param settings {@code redis}, {@code redisPasswordFile}, {@code redisPrefix}, {@code redisTimeout},
     *        {@code redisFailure}, {@code redisLease} as text, in the order they were set; absent ones default
     * @param keySecret the access log's HMAC secret when {@code accessLog.ipPrivacy} is {@code hmac}, else null
     */
    public static RateLimiter start(RateLimitConfig limits, Map<String, String> settings, String keySecret) {
        RedisConfig.Builder builder = RedisConfig.builder();
        settings.forEach((name, value) -> {
            switch (name) {
                case "redis" -> builder.redis(value);
                case "redisPasswordFile" -> builder.redisPasswordFile(value);
                case "redisPrefix" -> builder.redisPrefix(value);
                case "redisTimeout" -> builder.redisTimeout(value);
                case "redisFailure" -> builder.redisFailure(value);
                case "redisLease" -> builder.redisLease(value);
                default -> throw new FtpServerConfigurationException("rateLimit." + name + ": not a Redis setting");
            }
        });
        return RedisRateLimiter.start(limits, builder.keySecret(keySecret).build());
    }
}

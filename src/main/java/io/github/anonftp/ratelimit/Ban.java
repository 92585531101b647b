package io.github.anonftp.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * A client's ban: until when, and which strike it is (the first ban is strike 1; each repeat lasts
 * {@code rateLimit.banEscalation} times longer, up to {@code rateLimit.maxBanDuration}).
 */
public record Ban(ClientKey key, Instant until, int strike, Duration length) {

    /** Time left at {@code now}, never negative. */
    public Duration remaining(Instant now) {
        Duration left = Duration.between(now, until);
        return left.isNegative() ? Duration.ZERO : left;
    }
}

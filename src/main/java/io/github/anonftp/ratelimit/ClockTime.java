package io.github.anonftp.ratelimit;

import java.time.Clock;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Ticker;

import io.github.bucket4j.TimeMeter;

/**
 * One injected {@link Clock} for every time-based rule, as nanoseconds since the limiter started, adapted
 * to Bucket4j's {@link TimeMeter} and Caffeine's {@link Ticker}, so tests move time instead of sleeping.
 */
final class ClockTime implements TimeMeter, Ticker {

    private final Clock clock;
    private final long originSeconds;

    ClockTime(Clock clock) {
        this.clock = clock;
        this.originSeconds = clock.instant().getEpochSecond();
    }

    long nanos() {
        Instant now = clock.instant();
        return (now.getEpochSecond() - originSeconds) * 1_000_000_000L + now.getNano();
    }

    Instant instantOf(long nanos) {
        return Instant.ofEpochSecond(originSeconds).plusNanos(nanos);
    }

    Instant now() {
        return clock.instant();
    }

    @Override
    public long currentTimeNanos() {
        return nanos();
    }

    @Override
    public boolean isWallClockBased() {
        return true;
    }

    @Override
    public long read() {
        return nanos();
    }
}

package io.github.anonftp.ratelimit;

import java.time.Clock;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Ticker;

import io.github.bucket4j.TimeMeter;

/**
 * The limiter's time, as nanoseconds since it started, adapted to Bucket4j's {@link TimeMeter} and
 * Caffeine's {@link Ticker}. In production it reads {@link System#nanoTime()} (monotonic, no allocation:
 * the admission path reads time several times); tests inject a {@link Clock} they move by hand.
 */
final class ClockTime implements TimeMeter, Ticker {

    private final Clock clock;
    private final Instant origin;
    private final long originNanos;

    private ClockTime(Clock clock) {
        this.clock = clock;
        this.origin = clock == null ? Instant.now() : clock.instant();
        this.originNanos = clock == null ? System.nanoTime() : 0;
    }

    /** Monotonic system time. */
    static ClockTime system() {
        return new ClockTime(null);
    }

    /** Time read from {@code clock}, for tests. */
    static ClockTime of(Clock clock) {
        return new ClockTime(clock);
    }

    long nanos() {
        if (clock == null) {
            return System.nanoTime() - originNanos;
        }
        Instant now = clock.instant();
        return (now.getEpochSecond() - origin.getEpochSecond()) * 1_000_000_000L + now.getNano() - origin.getNano();
    }

    Instant instantOf(long nanos) {
        return origin.plusNanos(nanos);
    }

    Instant now() {
        return instantOf(nanos());
    }

    @Override
    public long currentTimeNanos() {
        return nanos();
    }

    @Override
    public boolean isWallClockBased() {
        return clock != null;
    }

    @Override
    public long read() {
        return nanos();
    }
}

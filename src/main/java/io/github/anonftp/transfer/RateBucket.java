package io.github.anonftp.transfer;

/**
 * One rate shared by whoever sends through it, scheduled in virtual time: each reservation of {@code n}
 * bytes starts when the previous one ended ({@code n / rate} seconds long), so transfers that each hold
 * one small reservation at a time take turns and share the rate evenly. An idle bucket keeps no credit
 * beyond {@link #SLACK_NANOS} (the time a woken thread may be late), so nobody bursts after a pause.
 * Thread-safe.
 */
final class RateBucket {

    static final long SLACK_NANOS = 20_000_000L;
    /** A slice is about this long at the bucket's rate: short enough to be fair, long enough to be cheap. */
    static final long SLICE_NANOS = 10_000_000L;
    static final long MIN_SLICE = 2048;
    static final long MAX_SLICE = 1 << 20;

    private final long bytesPerSecond;
    private long nextFree = Long.MIN_VALUE; // System.nanoTime(); guarded by this

    RateBucket(long bytesPerSecond) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive: " + bytesPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
    }

    long bytesPerSecond() {
        return bytesPerSecond;
    }

    /** The bytes one reservation should take at this rate. */
    long slice() {
        return Math.max(MIN_SLICE, Math.min(MAX_SLICE, bytesPerSecond * SLICE_NANOS / 1_000_000_000L));
    }

    /**
     * Reserves {@code bytes}, starting no earlier than {@code notBefore} (another bucket's start for the
     * same bytes) and no earlier than the end of the previous reservation; returns the start.
     */
    synchronized long reserve(long bytes, long notBefore, long now) {
        long start = Math.max(notBefore, now - SLACK_NANOS);
        if (nextFree != Long.MIN_VALUE && nextFree - start > 0) {
            start = nextFree;
        }
        nextFree = start + bytes * 1_000_000_000L / bytesPerSecond;
        return start;
    }
}

package io.github.anonftp.transfer;

import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The rates one transfer obeys (its own, its client's, the server's), in that order. Before each slice
 * the transfer reserves it in every bucket, the next bucket's reservation starting no earlier than the
 * previous one's, then parks its worker thread until the last start: one wait of at most a slice or a
 * fair turn, never a polling loop. {@link #UNLIMITED} has no buckets and never waits.
 */
final class Pacer {

    static final Pacer UNLIMITED = new Pacer(List.of());

    private final RateBucket[] buckets;
    private final long slice;

    Pacer(List<RateBucket> buckets) {
        this.buckets = buckets.toArray(new RateBucket[0]);
        long smallest = Long.MAX_VALUE;
        for (RateBucket bucket : this.buckets) {
            smallest = Math.min(smallest, bucket.slice());
        }
        this.slice = smallest;
    }

    boolean isLimited() {
        return buckets.length > 0;
    }

    /**
     * Waits until up to {@code wanted} bytes may move and returns how many (at least 1 when wanted is).
     *
     * @throws InterruptedIOException if the worker is interrupted while waiting (server stop)
     */
    long acquire(long wanted) throws InterruptedIOException {
        if (buckets.length == 0) {
            return wanted;
        }
        long bytes = Math.min(wanted, slice);
        long now = System.nanoTime();
        long start = now;
        for (RateBucket bucket : buckets) {
            start = bucket.reserve(bytes, start, now);
        }
        long wait;
        while ((wait = start - System.nanoTime()) > 0) {
            LockSupport.parkNanos(this, wait);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("transfer interrupted while paced");
            }
        }
        return bytes;
    }
}

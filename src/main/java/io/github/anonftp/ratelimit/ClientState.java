package io.github.anonftp.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.SynchronizationStrategy;

/**
 * What the in-memory limiter keeps for one client. Mutated only inside the cache's per-key compute, which
 * serialises access, so its buckets need no synchronisation of their own (only the ban fields are read
 * outside it). About 100 bytes plus a bucket
 * for each limit the client has touched.
 */
final class ClientState {

    int openSessions;
    volatile long banUntil;   // limiter nanos; 0 = never banned. Volatile: activeBan() reads without the lock.
    volatile int strikes;
    private Bucket connections;
    private Bucket failures;

    /** Whether the cache must neither evict nor expire this entry at {@code now}. */
    boolean isPinned(long now) {
        return openSessions > 0 || banUntil > now;
    }

    boolean isBanned(long now) {
        return banUntil > now;
    }

    Bucket connections(ClockTime time, Bandwidth limit) {
        if (connections == null) {
            connections = bucket(time, limit);
        }
        return connections;
    }

    Bucket failures(ClockTime time, Bandwidth limit) {
        if (failures == null) {
            failures = bucket(time, limit);
        }
        return failures;
    }

    private static Bucket bucket(ClockTime time, Bandwidth limit) {
        return Bucket.builder().addLimit(limit).withCustomTimePrecision(time)
                .withSynchronizationStrategy(SynchronizationStrategy.NONE).build();
    }
}

package io.github.anonftp.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.SynchronizationStrategy;

/**
 * What the in-memory limiter keeps for one client. Mutated only inside the cache's per-key compute, which
 * serialises access, so its buckets need no synchronisation of their own (only the ban fields are read
 * outside it). Each compute ends with {@link #settle(long, long, long)}, which records what the cache's weigher
 * and expiry then read, so they need no clock of their own. About 100 bytes, plus a bucket for each limit
 * the client has touched.
 */
final class ClientState {

    int openSessions;
    volatile long banUntil;   // limiter nanos; 0 = never banned. Volatile: activeBan() reads without the lock.
    volatile int strikes;
    private boolean pinned;
    private long lifetime;
    private Bucket connections;
    private Bucket failures;

    boolean isBanned(long now) {
        return banUntil > now;
    }

    /**
     * Records, at {@code now}, whether the cache must neither evict nor expire this entry (an open connection
     * or an active ban), and how long it may live idle: {@code idle}, or for a client with a strike until its
     * strike is forgotten.
     */
    void settle(long now, long idle, long strikeMemory) {
        pinned = openSessions > 0 || banUntil > now;
        if (openSessions > 0) {
            lifetime = Long.MAX_VALUE;
        } else if (strikes > 0) {
            lifetime = Math.max(idle, banUntil - now + strikeMemory);
        } else {
            lifetime = idle;
        }
    }

    boolean isPinned() {
        return pinned;
    }

    long lifetime() {
        return lifetime;
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

    static Bucket bucket(ClockTime time, Bandwidth limit) {
        return Bucket.builder().addLimit(limit).withCustomTimePrecision(time)
                .withSynchronizationStrategy(SynchronizationStrategy.NONE).build();
    }
}

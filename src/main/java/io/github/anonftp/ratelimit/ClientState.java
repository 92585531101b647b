package io.github.anonftp.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.SynchronizationStrategy;

/**
 * What the in-memory limiter keeps for one client. Mutated only under the live map's per-key lock (see
 * {@link ClientTable}), which serialises access, so its buckets need no synchronisation of their own; only the
 * ban fields and {@link #dropped} are read or written outside it. About 56 bytes, plus a bucket for each limit
 * the client has touched.
 */
final class ClientState {

    int openSessions;
    volatile long banUntil;   // limiter nanos; 0 = never banned. Volatile: activeBan() reads without the lock.
    volatile int strikes;
    /**
     * Which tier holds this state; written under the key's lock. The idle cache's eviction listener reads it
     * without the lock, only to leave live clients out of the eviction count.
     */
    Tier tier = Tier.NEW;
    /** When the idle cache expires this state's entry, in limiter nanos; set under the key's lock before a put. */
    long idleUntil;
    /** Set by the idle cache's eviction listener when it evicted or expired this state's entry. */
    volatile boolean dropped;
    /** Upload quotas: counts in the current fixed windows, which end at these limiter nanos (0 = no window). */
    long uploadBytes;
    long bytesWindowEnd;
    long uploadFiles;
    long filesWindowEnd;
    private Bucket connections;
    private Bucket failures;

    boolean isBanned(long now) {
        return banUntil > now;
    }

    /**
     * Whether, at {@code now}, the client must be kept whatever the cap (an open connection or an active ban):
     * such a client lives in the live map, every other one in the bounded idle cache.
     */
    boolean isLive(long now) {
        return openSessions > 0 || banUntil > now;
    }

    /**
     * How long an idle client's state still matters after {@code now}: {@code idle} (the longest a bucket takes
     * to refill), or for a client with a strike until that strike is forgotten, {@code strikeMemory} after its
     * last ban ended.
     */
    long idleLifetime(long now, long idle, long strikeMemory) {
        long lifetime = strikes > 0 ? Math.max(idle, banUntil - now + strikeMemory) : idle;
        long quotaEnd = Math.max(bytesWindowEnd, filesWindowEnd);
        return quotaEnd != 0 ? Math.max(lifetime, quotaEnd - now) : lifetime; // an upload quota's window too
    }

    /** Ends upload-quota windows that are over at {@code now}. */
    void rollUploadWindows(long now) {
        if (bytesWindowEnd != 0 && now - bytesWindowEnd >= 0) {
            uploadBytes = 0;
            bytesWindowEnd = 0;
        }
        if (filesWindowEnd != 0 && now - filesWindowEnd >= 0) {
            uploadFiles = 0;
            filesWindowEnd = 0;
        }
    }

    /** Where a state is filed (see {@link ClientTable}). */
    enum Tier {
        /** Made by the current compute, in neither tier yet. */
        NEW,
        /** In the idle cache only (or dropped from it since, when evicted or expired). */
        IDLE,
        /** In the live map; the idle cache may still hold it too, from before the client became live. */
        LIVE
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

    /** Forgets the client's failed logins, strikes and ban (an operator's {@code forget}). */
    void forget(long now) {
        failures = null;
        strikes = 0;
        banUntil = Math.min(banUntil, now);
    }

    static Bucket bucket(ClockTime time, Bandwidth limit) {
        return Bucket.builder().addLimit(limit).withCustomTimePrecision(time)
                .withSynchronizationStrategy(SynchronizationStrategy.NONE).build();
    }
}

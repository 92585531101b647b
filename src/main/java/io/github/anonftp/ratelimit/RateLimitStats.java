package io.github.anonftp.ratelimit;

import java.util.Map;

/**
 * A snapshot of a rate limiter's counters. {@code refusals} and {@code dryRunRefusals} count by reason since
 * start; {@code evictions} counts client states dropped to stay within {@code rateLimit.maxTrackedClients};
 * {@code shared} describes the shared store of a server farm ({@link SharedStoreStats#NONE} for a limiter of
 * its own).
 */
public record RateLimitStats(long trackedClients, long evictions, int openConnections, long bansStarted,
        Map<Refusal, Long> refusals, Map<Refusal, Long> dryRunRefusals, SharedStoreStats shared) {

    /** The counters of a limiter without a shared store. */
    public RateLimitStats(long trackedClients, long evictions, int openConnections, long bansStarted,
            Map<Refusal, Long> refusals, Map<Refusal, Long> dryRunRefusals) {
        this(trackedClients, evictions, openConnections, bansStarted, refusals, dryRunRefusals,
                SharedStoreStats.NONE);
    }

    public long refusals(Refusal reason) {
        return refusals.getOrDefault(reason, 0L);
    }

    public long dryRunRefusals(Refusal reason) {
        return dryRunRefusals.getOrDefault(reason, 0L);
    }
}

package io.github.anonftp.ratelimit;

import java.util.Map;

/**
 * A snapshot of a rate limiter's counters. {@code refusals} and {@code dryRunRefusals} count by reason since
 * start; {@code evictions} counts client states dropped to stay within {@code rateLimit.maxTrackedClients}.
 */
public record RateLimitStats(long trackedClients, long evictions, int openConnections, long bansStarted,
        Map<Refusal, Long> refusals, Map<Refusal, Long> dryRunRefusals) {

    public long refusals(Refusal reason) {
        return refusals.getOrDefault(reason, 0L);
    }

    public long dryRunRefusals(Refusal reason) {
        return dryRunRefusals.getOrDefault(reason, 0L);
    }
}

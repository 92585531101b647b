package io.github.anonftp.ratelimit;

/**
 * The counters of a farm limiter's shared store (Redis), since start.
 *
 * @param shared whether the limiter has a shared store at all (false: {@link #NONE})
 * @param available whether the store answers now (false while this node decides alone, or refuses)
 * @param errors store calls that failed or timed out
 * @param outages times the node lost the store (each followed by fallback or refusal until a recovery)
 * @param recoveries times the node got the store back and re-registered the slots of its open sessions
 * @param localDecisions admissions, failed logins, operators' bans and upload-quota steps decided by this node
 *                       alone while the store was away
 * @param reRegisteredSlots session slots written back to the store at recoveries
 */
public record SharedStoreStats(boolean shared, boolean available, long errors, long outages, long recoveries,
        long localDecisions, long reRegisteredSlots) {

    /** A limiter of its own, with no shared store. */
    public static final SharedStoreStats NONE = new SharedStoreStats(false, true, 0, 0, 0, 0, 0);
}

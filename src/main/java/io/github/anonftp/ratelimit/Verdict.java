package io.github.anonftp.ratelimit;

/**
 * Where the admission's compute leaves its decision for the thread that called it: one reusable instance per
 * thread, so an admission allocates neither a capturing lambda nor a result holder. Safe because the compute runs
 * on the calling thread, which reads the verdict right after it returns and before its next admission; nothing
 * the compute calls admits again. Holds no reference to a limiter, so one per thread serves all of them.
 */
final class Verdict {

    private static final ThreadLocal<Verdict> CURRENT = ThreadLocal.withInitial(Verdict::new);

    /** Why the connection is to be refused, or null to admit it. */
    Refusal refusal;
    /** With a refusal: how long the client should wait, in nanos (0 when unknown). */
    long retryAfterNanos;
    /** With a refusal: the limit that applied. */
    long limit;
    /** The limiter time the decision was made at. */
    long now;

    private Verdict() {
    }

    /** The calling thread's verdict. */
    static Verdict current() {
        return CURRENT.get();
    }

    void admit(long at) {
        set(null, 0, 0, at);
    }

    void refuse(Refusal reason, long retryAfter, long applied, long at) {
        set(reason, retryAfter, applied, at);
    }

    private void set(Refusal reason, long retryAfter, long applied, long at) {
        refusal = reason;
        retryAfterNanos = retryAfter;
        limit = applied;
        now = at;
    }
}

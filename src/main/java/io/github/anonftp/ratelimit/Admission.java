package io.github.anonftp.ratelimit;

import java.time.Duration;

/**
 * The answer to a new connection: allowed with a {@link Lease}, or refused with a reason, how long to
 * wait, and the limit that applied. In dry-run mode a connection that would have been refused is allowed
 * and carries the refusal it would have had ({@link #wouldRefuse()}).
 */
public final class Admission {

    private final Lease lease;
    private final Refusal refusal;
    private final Duration retryAfter;
    private final long limit;

    private Admission(Lease lease, Refusal refusal, Duration retryAfter, long limit) {
        this.lease = lease;
        this.refusal = refusal;
        this.retryAfter = retryAfter;
        this.limit = limit;
    }

    public static Admission allow(Lease lease) {
        return new Admission(lease, null, Duration.ZERO, 0);
    }

    /** Allowed in dry-run mode although {@code wouldRefuse} applied. */
    public static Admission allowDryRun(Lease lease, Refusal wouldRefuse, Duration retryAfter, long limit) {
        return new Admission(lease, wouldRefuse, retryAfter, limit);
    }

    public static Admission deny(Refusal refusal, Duration retryAfter, long limit) {
        return new Admission(null, refusal, retryAfter, limit);
    }

    public boolean isAllowed() {
        return lease != null;
    }

    /** The lease of an allowed connection; null when refused. */
    public Lease lease() {
        return lease;
    }

    /** Why the connection is refused; null when allowed. */
    public Refusal refusal() {
        return isAllowed() ? null : refusal;
    }

    /** The refusal a dry run reported for an allowed connection; null otherwise. */
    public Refusal wouldRefuse() {
        return isAllowed() ? refusal : null;
    }

    /** How long the client should wait before trying again; zero when unknown. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The limit that applied (sessions, connections); 0 when none. */
    public long limit() {
        return limit;
    }

    @Override
    public String toString() {
        return isAllowed() ? "Admission[allowed" + (refusal == null ? "" : ", dry run: " + refusal.token()) + "]"
                : "Admission[refused " + refusal.token() + ", retry after " + retryAfter + "]";
    }
}

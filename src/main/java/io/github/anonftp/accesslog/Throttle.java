package io.github.anonftp.accesslog;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Decides when a growing total is worth a warning: at most once per period, and only when it grew. The first
 * increase is reported at once. Used by one thread only.
 */
final class Throttle {

    private final LongSupplier nanoClock;
    private final long periodNanos;
    private long reportedTotal;
    private long lastReportNanos;
    private boolean reportedOnce;

    Throttle(LongSupplier nanoClock, Duration period) {
        this.nanoClock = nanoClock;
        this.periodNanos = period.toNanos();
    }

    /** How much {@code total} grew since the last report if a report is due now, else 0 (nothing consumed). */
    long due(long total) {
        if (total == reportedTotal) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        if (reportedOnce && now - lastReportNanos < periodNanos) {
            return 0;
        }
        reportedOnce = true;
        lastReportNanos = now;
        return rest(total);
    }

    /** How much {@code total} grew since the last report, whether or not a report is due; for a final report. */
    long rest(long total) {
        long increase = total - reportedTotal;
        reportedTotal = total;
        return increase;
    }
}

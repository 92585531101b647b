package io.github.anonftp.accesslog;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.slf4j.Logger;

/**
 * The access log's own problems, as WARN lines at most once a minute each: records dropped because the queue
 * was full, and records or writer calls that failed. Used by the writer thread and by the log's monitor thread,
 * which reports even while the writer thread is stuck in a write (a pipe nobody reads): hence synchronized.
 */
final class Warnings {

    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final Logger logger;
    private final Counters counters;
    private final Throttle drops;
    private final Throttle failures;
    private long failedCalls;
    private long failedRecordsReported;
    private Exception lastError;

    Warnings(Logger logger, Counters counters, LongSupplier nanoClock) {
        this.logger = logger;
        this.counters = counters;
        this.drops = new Throttle(nanoClock, PERIOD);
        this.failures = new Throttle(nanoClock, PERIOD);
    }

    /** A record's privacy, format or write threw. */
    synchronized void recordFailed(Exception e) {
        counters.failed.increment();
        lastError = e;
    }

    /** A flush, maintain or close threw: no record is lost for sure, but the log may be. */
    synchronized void callFailed(Exception e) {
        failedCalls++;
        lastError = e;
    }

    /** Warns about what happened since the last warning, if a minute has passed since then. */
    synchronized void reportIfDue() {
        warnDrops(drops.due(counters.queueFull.sum()));
        warnFailures(failures.due(failureTotal()));
    }

    /** Warns about everything not reported yet, due or not: the writer thread is ending. */
    synchronized void reportRest() {
        warnDrops(drops.rest(counters.queueFull.sum()));
        warnFailures(failures.rest(failureTotal()));
    }

    private long failureTotal() {
        return counters.failed.sum() + failedCalls;
    }

    private void warnDrops(long dropped) {
        if (dropped > 0) {
            logger.warn("Access log queue full: {} records dropped in the last minute", dropped);
        }
    }

    private void warnFailures(long failures) {
        if (failures <= 0) {
            return;
        }
        long failedRecords = counters.failed.sum();
        long records = failedRecords - failedRecordsReported;
        failedRecordsReported = failedRecords;
        logger.warn("Access log failing: {} records not written and {} other writer calls failed in the last"
                + " minute; last error: {}", records, failures - records, String.valueOf(lastError),
                lastError);
    }
}

package io.github.anonftp.accesslog;

import java.util.concurrent.atomic.LongAdder;

/** The counters an {@link AccessLog} shares between the FTP threads and its writer thread. */
final class Counters {

    final LongAdder recorded = new LongAdder();
    final LongAdder written = new LongAdder();
    /** Dropped because the queue was full: the only drops that are warned about. */
    final LongAdder queueFull = new LongAdder();
    /** Dropped because the log was closed, or left in the queue by a writer thread that did not stop. */
    final LongAdder afterClose = new LongAdder();
    final LongAdder failed = new LongAdder();

    AccessLogStats snapshot() {
        return new AccessLogStats(recorded.sum(), written.sum(), queueFull.sum() + afterClose.sum(), failed.sum());
    }
}

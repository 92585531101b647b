package io.github.anonftp.accesslog;

/**
 * Counters of an {@link AccessLog} since it was created.
 *
 * @param recorded events accepted into the queue
 * @param written lines the writers accepted, summed over the destinations (events a format does not record are
 *        neither written nor failed there)
 * @param dropped events not accepted because the queue was full or the log was closed, or left over when the
 *        writer thread did not stop in time
 * @param failed events whose privacy threw, plus, per destination, those whose format or write threw
 */
public record AccessLogStats(long recorded, long written, long dropped, long failed) {
}

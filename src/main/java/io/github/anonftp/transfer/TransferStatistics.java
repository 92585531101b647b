package io.github.anonftp.transfer;

import java.util.Date;

import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.IoSession;

/**
 * Keeps the control session's MINA byte statistics and FtpServer's last-access time moving during a
 * transfer, as FtpServer's data connection does for every 4 KiB: here at most every 64 KiB and 100 ms,
 * which is often enough for idle detection (seconds) and {@code SITE STAT}. Writing the statistics also
 * resets MINA's idle counters, so a long transfer never makes its control connection idle.
 */
final class TransferStatistics {

    private static final String LAST_ACCESS_TIME = "org.apache.ftpserver.last-access-time";
    private static final long FLUSH_BYTES = 64 * 1024;
    private static final long FLUSH_NANOS = 100_000_000L;

    private final IoSession control;
    private long written;
    private long read;
    private long lastFlush = System.nanoTime();

    TransferStatistics(IoSession control) {
        this.control = control;
    }

    void written(long bytes) {
        written += bytes;
        maybeFlush();
    }

    void read(long bytes) {
        read += bytes;
        maybeFlush();
    }

    // Flushed at 64 KiB or one 8 MiB sendfile chunk at most, so the counts fit MINA's int increments.
    private void maybeFlush() {
        if (written + read >= FLUSH_BYTES || System.nanoTime() - lastFlush >= FLUSH_NANOS) {
            flush();
        }
    }

    void flush() {
        long now = System.currentTimeMillis();
        if (control instanceof AbstractIoSession) {
            AbstractIoSession session = (AbstractIoSession) control;
            if (written > 0) {
                // balanced by increaseWrittenBytes, as FtpServer does
                session.increaseScheduledWriteBytes((int) written);
                session.increaseWrittenBytes((int) written, now);
            }
            if (read > 0) {
                session.increaseReadBytes(read, now);
            }
        }
        if (written + read > 0) {
            control.setAttribute(LAST_ACCESS_TIME, new Date(now));
        }
        written = 0;
        read = 0;
        lastFlush = System.nanoTime();
    }
}

package io.github.anonftp.accesslog;

import java.io.IOException;

/**
 * Where formatted lines go. Called from the access log's one writer thread only, never from an FTP thread,
 * so implementations may block briefly on I/O but need not be thread-safe.
 */
public interface AccessLogWriter extends AutoCloseable {

    /** Writes one line (the writer adds the line terminator). */
    void write(String line) throws IOException;

    /** Makes what was written visible (called when the queue runs empty, at least once a second). */
    void flush() throws IOException;

    /** Called about once a second: a chance to notice a rotated or truncated file. */
    default void maintain() throws IOException {
    }

    @Override
    void close() throws IOException;
}

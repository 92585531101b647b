package io.github.anonftp.accesslog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes lines to an output stream, UTF-8 with one {@code \n} each, buffered until {@link #flush()}. The stream
 * belongs to the caller: {@link #close()} flushes it and leaves it open, so standard output stays usable.
 */
public final class StreamAccessLogWriter implements AccessLogWriter {

    private final Writer out;

    /** Writes to {@code stream}, which this writer never closes. */
    public StreamAccessLogWriter(OutputStream stream) {
        Objects.requireNonNull(stream, "stream");
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
    }

    /** Writes to standard output (destination {@code -}), as {@link System#out} is now. */
    public static StreamAccessLogWriter stdout() {
        return new StreamAccessLogWriter(System.out);
    }

    @Override
    public void write(String line) throws IOException {
        out.write(line);
        out.write('\n');
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes; the stream stays open. */
    @Override
    public void close() throws IOException {
        out.flush();
    }
}

package io.github.anonftp.accesslog;

import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each line as one INFO message of an SLF4J logger (destination {@code slf4j}); the logging backend
 * decides where it goes, how it is flushed and rotated.
 */
public final class Slf4jAccessLogWriter implements AccessLogWriter {

    private final Logger logger;

    /** Writes to the logger named {@code loggerName}, {@code anonftp.access} by default. */
    public Slf4jAccessLogWriter(String loggerName) {
        this(LoggerFactory.getLogger(Objects.requireNonNull(loggerName, "loggerName")));
    }

    Slf4jAccessLogWriter(Logger logger) {
        this.logger = logger;
    }

    @Override
    public void write(String line) {
        // The line is the argument, never the pattern: a "{}" in it stays as it is.
        logger.info("{}", line);
    }

    /** Nothing to do: the backend flushes. */
    @Override
    public void flush() {
    }

    /** Nothing to do: the logger is not this writer's. */
    @Override
    public void close() {
    }
}

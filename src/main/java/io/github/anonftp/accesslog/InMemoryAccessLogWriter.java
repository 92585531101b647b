package io.github.anonftp.accesslog;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Keeps the last lines in memory, for tests and tools. Thread-safe: the access log's thread writes while
 * others read.
 */
public final class InMemoryAccessLogWriter implements AccessLogWriter {

    /** The lines kept by {@link #InMemoryAccessLogWriter()}. */
    public static final int DEFAULT_MAX_LINES = 10_000;

    private final int maxLines;
    private final Deque<String> lines = new ArrayDeque<>();
    private boolean closed;

    /** Keeps the last {@value #DEFAULT_MAX_LINES} lines. */
    public InMemoryAccessLogWriter() {
        this(DEFAULT_MAX_LINES);
    }

    /** Keeps the last {@code maxLines} lines (at least 1). */
    public InMemoryAccessLogWriter(int maxLines) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be at least 1: " + maxLines);
        }
        this.maxLines = maxLines;
    }

    @Override
    public synchronized void write(String line) {
        if (lines.size() == maxLines) {
            lines.removeFirst();
        }
        lines.addLast(line);
        notifyAll();
    }

    /** Nothing to do: lines are visible as soon as they are written. */
    @Override
    public void flush() {
    }

    @Override
    public synchronized void close() {
        closed = true;
        notifyAll();
    }

    /** A copy of the lines kept, oldest first. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Whether {@link #close()} was called. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Waits until a kept line matches {@code condition}, at most {@code timeout}.
     *
     * @return the first matching line, or empty when none matched in time
     */
    public synchronized Optional<String> await(Predicate<String> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> match = lines.stream().filter(condition).findFirst();
            long left = deadline - System.nanoTime();
            if (match.isPresent() || left <= 0) {
                return match;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}

package io.github.anonftp.accesslog;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The body of the access log's writer thread: takes events from the queue, applies privacy, formats and writes
 * them; flushes whenever the queue runs empty and at least once a second; calls {@link AccessLogWriter#maintain()}
 * about once a second. Nothing thrown by privacy, the format or the writer stops it.
 */
final class WriterLoop implements Runnable {

    /** Wakes the thread when it waits on an empty queue; never written. */
    static final AccessEvent STOP = AccessEvent.of(EventType.CONNECT, Instant.EPOCH, "stop", "", 0).build();

    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final BlockingQueue<AccessEvent> queue;
    private final AccessLogFormat format;
    private final UnaryOperator<AccessEvent> privacy;
    private final AccessLogWriter writer;
    private final List<Consumer<AccessEvent>> listeners;
    private final Counters counters;
    private final Warnings warnings;
    private volatile boolean stopping;
    private boolean dirty;
    private long nextTick;

    WriterLoop(BlockingQueue<AccessEvent> queue, AccessLogFormat format, UnaryOperator<AccessEvent> privacy,
            AccessLogWriter writer, List<Consumer<AccessEvent>> listeners, Counters counters, Warnings warnings) {
        this.queue = queue;
        this.format = format;
        this.privacy = privacy;
        this.writer = writer;
        this.listeners = listeners;
        this.counters = counters;
        this.warnings = warnings;
    }

    /** Asks the thread to write what is queued, close the writer and end. Callers stop adding first. */
    void requestStop() {
        stopping = true;
        // When the queue is full the offer fails, but then the thread is not waiting either.
        queue.offer(STOP);
    }

    @Override
    public void run() {
        nextTick = System.nanoTime() + TICK_NANOS;
        try {
            loop();
        } catch (InterruptedException e) {
            // Nobody but the JVM interrupts this thread: end now; close() counts what is left as dropped.
            Thread.currentThread().interrupt();
        } finally {
            flush();
            try {
                writer.close();
            } catch (Exception e) {
                warnings.callFailed(e);
            }
            warnings.reportRest();
        }
    }

    private void loop() throws InterruptedException {
        while (true) {
            // Read before polling: whatever was recorded before requestStop() is then seen by this poll.
            boolean stop = stopping;
            AccessEvent event = queue.poll();
            if (event == null) {
                flush();
                if (stop) {
                    return;
                }
                event = queue.poll(Math.max(0, nextTick - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
            if (event != null && event != STOP) {
                handle(event);
            }
            tickIfDue();
        }
    }

    private void handle(AccessEvent event) {
        try {
            AccessEvent shown = privacy.apply(event);
            notifyListeners(shown);
            String line = format.format(shown);
            if (line != null) {
                writer.write(line);
                dirty = true;
                counters.written.increment();
            }
        } catch (Exception e) {
            warnings.recordFailed(e);
        }
    }

    private void notifyListeners(AccessEvent event) {
        for (Consumer<AccessEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                // A listener is an observer: its failure is its own and must not cost the record.
            }
        }
    }

    private void tickIfDue() {
        long now = System.nanoTime();
        if (now - nextTick < 0) {
            return;
        }
        nextTick = now + TICK_NANOS;
        flush();
        try {
            writer.maintain();
        } catch (Exception e) {
            warnings.callFailed(e);
        }
        warnings.reportIfDue();
    }

    private void flush() {
        if (!dirty) {
            return;
        }
        try {
            writer.flush();
            dirty = false;
        } catch (Exception e) {
            warnings.callFailed(e);
        }
    }
}

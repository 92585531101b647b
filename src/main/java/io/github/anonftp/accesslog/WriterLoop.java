package io.github.anonftp.accesslog;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The body of the access log's writer thread: takes events from the queue, applies privacy once, formats each
 * event once per format and writes the line to every destination of that format; flushes whenever the queue
 * runs empty and at least once a second; calls each writer's {@link AccessLogWriter#maintain()} about once a
 * second. Nothing thrown by privacy, a format or a writer stops it, or costs another destination its line.
 */
final class WriterLoop implements Runnable {

    /** Wakes the thread when it waits on an empty queue; never written. */
    static final AccessEvent STOP = AccessEvent.of(EventType.CONNECT, Instant.EPOCH, "stop", "", 0).build();

    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final BlockingQueue<AccessEvent> queue;
    private final List<SinkState> sinks;
    private final UnaryOperator<AccessEvent> privacy;
    private final List<Consumer<AccessEvent>> listeners;
    private final Counters counters;
    private final Warnings warnings;
    private final String[] lines;
    private final Exception[] errors;
    private final boolean[] formatted;
    /** For each sink, the first sink with the same format: whose line it writes. */
    private final int[] owners;
    /** While records keep coming, the thread naps this long between drains instead of being signalled. */
    private static final long NAP_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** After this long without a record the thread waits until the next record wakes it. */
    private static final long AWAKE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private volatile boolean stopping;
    private volatile Thread thread;
    private volatile boolean parked;
    private long lastRecord;
    private long nextTick;

    WriterLoop(BlockingQueue<AccessEvent> queue, List<SinkState> sinks, UnaryOperator<AccessEvent> privacy,
            List<Consumer<AccessEvent>> listeners, Counters counters, Warnings warnings) {
        this.queue = queue;
        this.sinks = List.copyOf(sinks);
        this.privacy = privacy;
        this.listeners = listeners;
        this.counters = counters;
        this.warnings = warnings;
        this.lines = new String[sinks.size()];
        this.errors = new Exception[sinks.size()];
        this.formatted = new boolean[sinks.size()];
        this.owners = new int[sinks.size()];
        for (int i = 0; i < owners.length; i++) {
            owners[i] = i;
            for (int j = 0; j < i; j++) {
                if (this.sinks.get(j).format() == this.sinks.get(i).format()) {
                    owners[i] = j;
                    break;
                }
            }
        }
    }

    /** Asks the thread to write what is queued, close the writer and end. Callers stop adding first. */
    void requestStop() {
        stopping = true;
        // When the queue is full the offer fails, but then the thread is not waiting either.
        queue.offer(STOP);
        Thread writer = thread;
        if (writer != null) {
            LockSupport.unpark(writer);
        }
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
            for (SinkState sink : sinks) {
                try {
                    sink.writer().close();
                } catch (Exception e) {
                    warnings.callFailed(e);
                }
            }
            warnings.reportRest();
        }
    }

    /**
     * Called by a producer after it queued a record: wakes the thread only if it waits for a first record after
     * a quiet second. While records keep coming the thread naps and drains instead, so a busy server's FTP
     * threads never pay for a wake-up (a signal per record, and on two cores a context switch away from the
     * session that just logged in).
     */
    void recorded() {
        if (parked) {
            Thread writer = thread;
            if (writer != null) {
                LockSupport.unpark(writer);
            }
        }
    }

    private void loop() throws InterruptedException {
        thread = Thread.currentThread();
        while (true) {
            // Read before polling: whatever was recorded before requestStop() is then seen by this poll.
            boolean stop = stopping;
            AccessEvent event = queue.poll();
            if (event == null) {
                flush();
                if (stop) {
                    return;
                }
                rest();
            } else {
                lastRecord = System.nanoTime();
                if (event != STOP) {
                    handle(event);
                }
            }
            tickIfDue();
        }
    }

    /** Waits for more records: a nap while they keep coming, else until one arrives or the next tick. */
    private void rest() throws InterruptedException {
        long now = System.nanoTime();
        long untilTick = Math.max(0, nextTick - now);
        if (now - lastRecord < AWAKE_NANOS) {
            LockSupport.parkNanos(this, Math.min(NAP_NANOS, untilTick));
        } else {
            parked = true;
            // Checked after announcing the wait: a record queued before it is seen here, one after it unparks.
            if (queue.isEmpty() && !stopping) {
                LockSupport.parkNanos(this, untilTick);
            }
            parked = false;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("access log writer interrupted");
        }
    }

    private void handle(AccessEvent event) {
        AccessEvent shown;
        try {
            shown = privacy.apply(event);
        } catch (Exception e) {
            warnings.recordFailed(e);
            return;
        }
        notifyListeners(shown);
        Arrays.fill(formatted, false);
        for (int i = 0; i < lines.length; i++) {
            SinkState sink = sinks.get(i);
            int owner = owners[i];
            if (!formatted[owner]) { // once per format, not once per destination
                formatted[owner] = true;
                try {
                    lines[owner] = sink.format().format(shown);
                    errors[owner] = null;
                } catch (Exception e) {
                    lines[owner] = null;
                    errors[owner] = e;
                }
            }
            write(sink, lines[owner], errors[owner]);
        }
        Arrays.fill(lines, null);
        Arrays.fill(errors, null);
    }

    private void write(SinkState sink, String line, Exception formatError) {
        try {
            if (formatError != null) {
                throw formatError;
            }
            if (line != null) {
                sink.writer().write(line);
                sink.dirty = true;
                sink.written.increment();
                counters.written.increment();
            }
        } catch (Exception e) {
            sink.failed.increment();
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
        for (SinkState sink : sinks) {
            try {
                sink.writer().maintain(); // each destination notices its own rotation
            } catch (Exception e) {
                warnings.callFailed(e);
            }
        }
        warnings.reportIfDue();
    }

    private void flush() {
        for (SinkState sink : sinks) {
            if (!sink.dirty) {
                continue;
            }
            try {
                sink.writer().flush();
                sink.dirty = false;
            } catch (Exception e) {
                warnings.callFailed(e);
            }
        }
    }

    /** One destination as the writer thread sees it: its format, its writer and its own counters. */
    static final class SinkState {
        final String name;
        final LongAdder written = new LongAdder();
        final LongAdder failed = new LongAdder();
        private final AccessLogFormat format;
        private final AccessLogWriter writer;
        private boolean dirty;

        SinkState(String name, AccessLogFormat format, AccessLogWriter writer) {
            this.name = name;
            this.format = format;
            this.writer = writer;
        }

        AccessLogFormat format() {
            return format;
        }

        AccessLogWriter writer() {
            return writer;
        }
    }
}

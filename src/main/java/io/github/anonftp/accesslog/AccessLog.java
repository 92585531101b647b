package io.github.anonftp.accesslog;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: FTP threads {@link #record(AccessEvent) record} events, which never blocks them; one daemon
 * thread, {@value #THREAD_NAME}, started by the constructor, applies privacy, formats and writes them.
 *
 * <p>The queue is bounded: when it is full an event is dropped and counted, and a WARN line (logger
 * {@code io.github.anonftp.accesslog.AccessLog}) says how many, at most once a minute. The writer is flushed
 * whenever the queue runs empty and at least once a second, so a record is visible within a second of its event.
 * A failing privacy, format or writer costs the record (counted as failed, warned about at most once a minute),
 * never the thread. {@link #close()} writes everything recorded before it.
 */
public final class AccessLog implements AutoCloseable {

    /** The name of the writer thread. */
    public static final String THREAD_NAME = "anonftp-access-log";

    /** The name of the thread that warns about drops and failures once a minute, even while the writer is stuck. */
    public static final String MONITOR_THREAD_NAME = "anonftp-access-log-monitor";

    private static final long JOIN_MILLIS = TimeUnit.SECONDS.toMillis(5);

    private final BlockingQueue<AccessEvent> queue;
    private final List<Consumer<AccessEvent>> listeners = new CopyOnWriteArrayList<>();
    private final Counters counters = new Counters();
    private final Logger logger;
    private final WriterLoop loop;
    private final Thread thread;
    private final ScheduledExecutorService monitor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean open;

    /**
     * Starts the writer thread.
     *
     * @param format turns an event into a line, or null when it does not record that event
     * @param privacy applied to every event before the listeners and the format see it
     * @param writer where lines go; owned by this log from now on, which closes it
     * @param queueCapacity events waiting to be written, at most (at least 1)
     */
    public AccessLog(AccessLogFormat format, UnaryOperator<AccessEvent> privacy, AccessLogWriter writer,
            int queueCapacity) {
        this(format, privacy, writer, queueCapacity, LoggerFactory.getLogger(AccessLog.class), System::nanoTime);
    }

    AccessLog(AccessLogFormat format, UnaryOperator<AccessEvent> privacy, AccessLogWriter writer, int queueCapacity,
            Logger logger, LongSupplier nanoClock) {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(privacy, "privacy");
        Objects.requireNonNull(writer, "writer");
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1: " + queueCapacity);
        }
        this.logger = logger;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        Warnings warnings = new Warnings(logger, counters, nanoClock);
        this.loop = new WriterLoop(queue, format, privacy, writer, listeners, counters, warnings);
        this.open = true;
        this.thread = new Thread(loop, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
        ScheduledThreadPoolExecutor reporter = new ScheduledThreadPoolExecutor(1, task -> {
            Thread daemon = new Thread(task, MONITOR_THREAD_NAME);
            daemon.setDaemon(true);
            return daemon;
        });
        reporter.scheduleWithFixedDelay(warnings::reportIfDue, 1, 1, TimeUnit.SECONDS);
        this.monitor = reporter;
    }

    private AccessLog() {
        this.queue = null;
        this.logger = null;
        this.loop = null;
        this.thread = null;
        this.monitor = null;
        closed.set(true);
    }

    /** An access log that records nothing and has no thread. */
    public static AccessLog disabled() {
        return new AccessLog();
    }

    /**
     * Queues {@code event} for writing. Never blocks and never throws: when the queue is full, or the log is
     * closed, the event is dropped and counted. A null event is ignored.
     */
    public void record(AccessEvent event) {
        if (event == null || queue == null) {
            return;
        }
        if (!open) {
            counters.afterClose.increment();
        } else if (queue.offer(event)) {
            counters.recorded.increment();
        } else {
            counters.queueFull.increment();
        }
    }

    /**
     * Calls {@code listener} on the writer thread with every event after privacy, whether or not the format
     * records it. What a listener throws is ignored. For tests and extensions; a slow listener slows the log.
     */
    public void addListener(Consumer<AccessEvent> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The counters since this log was created. */
    public AccessLogStats stats() {
        return counters.snapshot();
    }

    /** Events waiting in the queue now (0 for a disabled log). */
    public int queued() {
        return queue == null ? 0 : queue.size();
    }

    /** How many events the queue holds at most (0 for a disabled log). */
    public int queueCapacity() {
        return queue == null ? 0 : queue.size() + queue.remainingCapacity();
    }

    /**
     * Stops accepting events (later ones are dropped and counted, without a warning), writes everything already
     * queued, flushes and closes the writer, and waits up to 5 seconds for the thread to end. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        open = false;
        loop.requestStop();
        monitor.shutdown();
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (thread.isAlive()) {
            logger.warn("Access log writer did not stop within {} ms; {} queued records may be lost",
                    JOIN_MILLIS, queue.size());
            return;
        }
        countLeftOvers();
    }

    /** Events a racing record() queued after the thread had drained the queue: dropped after all. */
    private void countLeftOvers() {
        AccessEvent event;
        while ((event = queue.poll()) != null) {
            if (event != WriterLoop.STOP) {
                counters.recorded.decrement();
                counters.afterClose.increment();
            }
        }
    }
}

package io.github.anonftp.accesslog;

import java.util.ArrayList;
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
 * thread, {@value #THREAD_NAME}, started by the constructor, applies privacy, formats and writes them, to one
 * destination or to several at once ({@link Destination}), each event formatted once per format.
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
    private final List<WriterLoop.SinkState> sinks;
    private final Thread thread;
    private final ScheduledExecutorService monitor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean open;

    /**
     * Starts the writer thread for one destination.
     *
     * @param format turns an event into a line, or null when it does not record that event
     * @param privacy applied to every event before the listeners and the format see it
     * @param writer where lines go; owned by this log from now on, which closes it
     * @param queueCapacity events waiting to be written, at most (at least 1)
     */
    public AccessLog(AccessLogFormat format, UnaryOperator<AccessEvent> privacy, AccessLogWriter writer,
            int queueCapacity) {
        this(List.of(new Destination("log", format, writer)), privacy, queueCapacity);
    }

    /**
     * Starts the writer thread for several destinations (vsftpd's {@code dual_log_enable}): every event gets
     * privacy once, is formatted once per distinct format instance (destinations sharing a format share its
     * line), and written to each destination. Each destination keeps its own writer, rotation handling and
     * counters ({@link #destinationStats()}); one failing costs the others nothing.
     *
     * @param destinations at least one; their writers are owned by this log from now on, which closes them
     */
    public AccessLog(List<Destination> destinations, UnaryOperator<AccessEvent> privacy, int queueCapacity) {
        this(destinations, privacy, queueCapacity, LoggerFactory.getLogger(AccessLog.class), System::nanoTime);
    }

    AccessLog(AccessLogFormat format, UnaryOperator<AccessEvent> privacy, AccessLogWriter writer, int queueCapacity,
            Logger logger, LongSupplier nanoClock) {
        this(List.of(new Destination("log", format, writer)), privacy, queueCapacity, logger, nanoClock);
    }

    AccessLog(List<Destination> destinations, UnaryOperator<AccessEvent> privacy, int queueCapacity, Logger logger,
            LongSupplier nanoClock) {
        Objects.requireNonNull(destinations, "destinations");
        Objects.requireNonNull(privacy, "privacy");
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException("at least one destination is required");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1: " + queueCapacity);
        }
        this.logger = logger;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        List<WriterLoop.SinkState> states = new ArrayList<>();
        for (Destination destination : destinations) {
            states.add(new WriterLoop.SinkState(destination.name(), destination.format(), destination.writer()));
        }
        this.sinks = List.copyOf(states);
        Warnings warnings = new Warnings(logger, counters, nanoClock);
        this.loop = new WriterLoop(queue, sinks, privacy, listeners, counters, warnings);
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

    /**
     * One place records go: a name for statistics and messages (a file path, {@code -}, {@code slf4j}), the
     * format of its lines, and its writer.
     */
    public record Destination(String name, AccessLogFormat format, AccessLogWriter writer) {
        public Destination {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(writer, "writer");
        }
    }

    /**
     * Lines written and records failed at one destination since this log was created.
     *
     * @param destination the destination's name
     * @param written lines its writer accepted
     * @param failed records its format or writer failed on
     */
    public record DestinationStats(String destination, long written, long failed) {
    }

    private AccessLog() {
        this.queue = null;
        this.logger = null;
        this.loop = null;
        this.sinks = List.of();
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
            loop.recorded();
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

    /** The counters since this log was created; {@code written} and {@code failed} summed over destinations. */
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

    /** Each destination's own counters, in the order given (empty for a disabled log). */
    public List<DestinationStats> destinationStats() {
        List<DestinationStats> stats = new ArrayList<>();
        for (WriterLoop.SinkState sink : sinks) {
            stats.add(new DestinationStats(sink.name, sink.written.sum(), sink.failed.sum()));
        }
        return List.copyOf(stats);
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

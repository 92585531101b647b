package io.github.anonftp.junit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import io.github.anonftp.accesslog.AccessEvent;
import io.github.anonftp.accesslog.EventType;

/**
 * Every access-log event of one test server, in arrival order, for assertions. Events are recorded after the
 * log's privacy (a masked e-mail address is seen masked) and arrive <em>asynchronously</em> on the log's writer
 * thread, a few milliseconds after the FTP reply: wait for them with {@link #await(Predicate, Duration)} or
 * {@link #next()} rather than reading {@link #events()} right after a command.
 *
 * <pre>{@code
 * AccessEvent login = ftp.accessLog().await(e -> e.type() == EventType.LOGIN, Duration.ofSeconds(5));
 * assertEquals("ci@example.org", login.email());
 * assertEquals(Outcome.OK, login.outcome());
 * }</pre>
 *
 * A server shared by a test class (a static extension field) keeps its events across the class's tests.
 * Thread-safe.
 */
public final class AccessLogRecorder {

    /** How long {@link #next()} waits. */
    public static final Duration NEXT_TIMEOUT = Duration.ofSeconds(5);

    private static final int RECENT_IN_MESSAGES = 20;

    private final List<AccessEvent> events = new ArrayList<>();
    private int nextIndex;

    AccessLogRecorder() {
    }

    /** Called on the access log's writer thread. */
    synchronized void record(AccessEvent event) {
        events.add(event);
        notifyAll();
    }

    /** A copy of the events recorded so far, oldest first. */
    public synchronized List<AccessEvent> events() {
        return List.copyOf(events);
    }

    /** The {@link EventType#LOGIN login} events recorded so far, oldest first. */
    public synchronized List<AccessEvent> logins() {
        return events.stream().filter(e -> e.type() == EventType.LOGIN).toList();
    }

    /** The latest event of {@code type} recorded so far. */
    public synchronized Optional<AccessEvent> last(EventType type) {
        Objects.requireNonNull(type, "type");
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).type() == type) {
                return Optional.of(events.get(i));
            }
        }
        return Optional.empty();
    }

    /**
     * Waits until a recorded event matches {@code condition} and returns the latest one that does.
     *
     * @throws AssertionError when none matched within {@code timeout}; its message lists the recent events
     */
    public synchronized AccessEvent await(Predicate<AccessEvent> condition, Duration timeout) {
        Objects.requireNonNull(condition, "condition");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = events.size() - 1; i >= 0; i--) {
                if (condition.test(events.get(i))) {
                    return events.get(i);
                }
            }
            waitUntil(deadline, "No access-log event matched within " + timeout);
        }
    }

    /**
     * Waits (at most {@link #NEXT_TIMEOUT}) for the oldest event not yet returned by {@code next()} and returns it:
     * successive calls walk through the log in order.
     *
     * @throws AssertionError when no new event arrived in time; its message lists the recent events
     */
    public synchronized AccessEvent next() {
        long deadline = System.nanoTime() + NEXT_TIMEOUT.toNanos();
        while (nextIndex >= events.size()) {
            waitUntil(deadline, "No new access-log event within " + NEXT_TIMEOUT + " (" + nextIndex
                    + " returned by next() already)");
        }
        return events.get(nextIndex++);
    }

    /** Waits for a new event; throws the failure when the deadline has passed. Holds the monitor. */
    private void waitUntil(long deadline, String failure) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError(failure + "; " + recent());
        }
        try {
            wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for an access-log event", e);
        }
    }

    private String recent() {
        if (events.isEmpty()) {
            return "no event was recorded";
        }
        int from = Math.max(0, events.size() - RECENT_IN_MESSAGES);
        StringBuilder text = new StringBuilder(events.size() > RECENT_IN_MESSAGES
                ? "the last " + RECENT_IN_MESSAGES + " of " + events.size() + " events:"
                : events.size() + " events recorded:");
        for (int i = from; i < events.size(); i++) {
            text.append("\n  ").append(events.get(i));
        }
        return text.toString();
    }
}

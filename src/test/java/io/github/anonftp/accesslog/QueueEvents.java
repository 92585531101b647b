package io.github.anonftp.accesslog;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** Events, a format and a privacy for the dispatcher's tests, independent of the real formats. */
final class QueueEvents {

    /** Writes the session id; does not record connects. */
    static final AccessLogFormat SESSION_FORMAT = event -> event.type() == EventType.CONNECT ? null : event.session();

    static final UnaryOperator<AccessEvent> NO_PRIVACY = UnaryOperator.identity();

    private QueueEvents() {
    }

    /** A transfer of session {@code s<n>}. */
    static AccessEvent transfer(int n) {
        return AccessEvent.of(EventType.TRANSFER, Instant.parse("2026-12-01T00:00:00Z"), "s" + n, "192.0.2.7", 1024)
                .path("/pub/f" + n).bytes(10L).status(TransferStatus.COMPLETE).build();
    }

    static AccessEvent connect(int n) {
        return AccessEvent.of(EventType.CONNECT, Instant.parse("2026-12-01T00:00:00Z"), "c" + n, "192.0.2.7", 1024)
                .build();
    }

    /** The lines {@link #SESSION_FORMAT} writes for transfers {@code from} until {@code to} (exclusive). */
    static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(n -> "s" + n).collect(Collectors.toList());
    }

    /** Whether a thread named like the access log's thread is alive. */
    static long accessLogThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals(AccessLog.THREAD_NAME) && thread.isAlive()).count();
    }
}

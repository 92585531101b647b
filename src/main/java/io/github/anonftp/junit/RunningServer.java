package io.github.anonftp.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.ftpserver.ftplet.FtpException;

import io.github.anonftp.accesslog.AccessLog;
import io.github.anonftp.accesslog.InMemoryAccessLogWriter;
import io.github.anonftp.accesslog.JsonLinesFormat;
import io.github.anonftp.accesslog.Privacy;
import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.Rate;
import io.github.anonftp.server.AnonFtpServer;

/**
 * One started test server with its temporary directories, recorder and clients. Kept in JUnit's store, which
 * closes it (an {@link AutoCloseable}) when its scope ends, even after a failure; closing is idempotent.
 */
final class RunningServer implements AutoCloseable {

    /** How long after a test the extension waits for the server to end its closed clients' sessions. */
    private static final Duration SESSION_END_WAIT = Duration.ofSeconds(5);

    final AnonFtpServer server;
    final AccessLogRecorder recorder = new AccessLogRecorder();
    private final SessionTracker sessions;
    private final Path temporary;
    private final List<FTPClient> clients = new ArrayList<>();
    private boolean closed;

    private RunningServer(AnonFtpServer server, SessionTracker sessions, Path temporary) {
        this.server = server;
        this.sessions = sessions;
        this.temporary = temporary;
    }

    /** Makes the temporary root and drop box, applies the defaults and then {@code customizer}, and starts. */
    static RunningServer start(UnaryOperator<AnonFtpServer.Builder> customizer) {
        Path temporary = createTemporary();
        AnonFtpServer server = null;
        boolean started = false;
        SessionTracker sessions = new SessionTracker();
        try {
            AnonFtpServer.Builder builder = AnonFtpServer.builder()
                    .anonymous(AnonymousConfig.builder()
                            .homeDirectory(Files.createDirectory(temporary.resolve("root")))
                            .uploadDirectory(Files.createDirectory(temporary.resolve("incoming")))
                            .maxSessions(0)
                            .build())
                    .rateLimit(relaxedLimits())
                    .protocolLog(false)
                    .ftplet(SessionTracker.NAME, sessions)
                    .accessLogFactory(config -> new AccessLog(new JsonLinesFormat(config.maxFieldLength()),
                            Privacy.of(config)::apply, new InMemoryAccessLogWriter(), config.queueCapacity()));
            AnonFtpServer.Builder customized = customizer.apply(builder);
            server = (customized == null ? builder : customized).build();
            RunningServer running = new RunningServer(server, sessions, temporary);
            server.accessLog().addListener(running.recorder::record);
            server.start();
            started = true;
            return running;
        } catch (IOException | FtpException e) {
            throw new IllegalStateException("The test FTP server did not start: " + e, e);
        } finally {
            if (!started) {
                if (server != null) {
                    server.stop();
                }
                deleteTree(temporary);
            }
        }
    }

    /**
     * Tests open many connections from 127.0.0.1 and fail logins on purpose: no per-client session cap, no
     * connection or command rate, no bans. {@code with(b -> b.rateLimit(r -> ...))} restores any of them.
     */
    static RateLimitConfig relaxedLimits() {
        return RateLimitConfig.builder()
                .maxSessionsPerClient(0)
                .connectionRate(Rate.OFF)
                .commandRate(Rate.OFF)
                .maxLoginFailures(0)
                .maxConnections(0)
                .build();
    }

    private static Path createTemporary() {
        try {
            return Files.createTempDirectory("anonftp-junit-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the test FTP server's temporary directory", e);
        }
    }

    /** The extension's own temporary directory (root and drop box unless customised). */
    Path temporary() {
        return temporary;
    }

    synchronized void register(FTPClient client) {
        if (closed) {
            throw new IllegalStateException("the test FTP server is stopped");
        }
        clients.add(client);
    }

    /**
     * Disconnects the clients handed out so far and waits (at most 5 s) until the server has ended their
     * sessions, so that the next test of a class-wide server starts with their per-client limits released.
     */
    synchronized void closeClients() {
        sessions.awaitEnded(disconnectClients(), SESSION_END_WAIT);
    }

    /** Disconnects the clients handed out so far; returns the client ends that were still connected. */
    private List<InetSocketAddress> disconnectClients() {
        List<InetSocketAddress> ends = new ArrayList<>();
        for (FTPClient client : clients) {
            if (client.isConnected()) {
                ends.add(new InetSocketAddress(client.getLocalAddress(), client.getLocalPort()));
                disconnect(client);
            }
        }
        clients.clear();
        return ends;
    }

    static void disconnect(FTPClient client) {
        try {
            client.disconnect();
        } catch (IOException e) {
            // the test is over; the server side closes the session anyway
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        disconnectClients(); // no need to wait: stopping the server ends every session
        try {
            server.stop();
        } finally {
            deleteTree(temporary);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the test FTP server's files in " + root, e);
        }
    }
}

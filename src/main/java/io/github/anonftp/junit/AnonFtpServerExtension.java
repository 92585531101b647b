package io.github.anonftp.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.server.AnonFtpServer;

/**
 * A real anonymous FTP server for JUnit 5 tests: started before, stopped and removed after, on 127.0.0.1 and an
 * ephemeral port, serving a fresh temporary root with a drop box at {@code /incoming}.
 *
 * <pre>{@code
 * class MirrorTest {
 *     @RegisterExtension
 *     static final AnonFtpServerExtension ftp = AnonFtpServerExtension.withDefaults();
 *
 *     @Test
 *     void downloadsTheReadme() throws Exception {
 *         ftp.file("pub/README.txt", "hello\n");
 *         FTPClient client = ftp.anonymousClient();
 *         ByteArrayOutputStream out = new ByteArrayOutputStream();
 *         assertTrue(client.retrieveFile("/pub/README.txt", out));
 *     }
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> In a {@code static} field the extension starts one server for the class (before all its
 * tests, {@code @Nested} classes included) and stops it after them; in an instance field it starts one per test.
 * Clients it hands out are disconnected after each test. The server is kept in JUnit's {@link ExtensionContext.Store
 * store}, so it is stopped and its files removed even when a test or callback fails. The extension keeps no static
 * state: test classes running in parallel each get their own server, port and directories. A server shared by a
 * class assumes that class's test methods run one at a time (JUnit's default even with
 * {@code junit.jupiter.execution.parallel.mode.classes.default=concurrent}).
 *
 * <p><b>Defaults.</b> Those of {@link AnonFtpServer.Builder}, except: the guest root and the drop box are
 * temporary directories made and removed by the extension; rate limits are relaxed for tests that open many
 * connections from 127.0.0.1 and fail on purpose ({@link #relaxedRateLimits()}, and no guest cap); the access
 * log goes to memory, where {@link #accessLog()} records every event; and FtpServer's protocol log (every
 * command and reply at INFO) is off. Change any of it with {@link #with(UnaryOperator)}.
 *
 * <p>Needs {@code org.junit.jupiter:junit-jupiter-api} and {@code commons-net:commons-net} on the test class path:
 * anonftp declares both optional.
 */
public final class AnonFtpServerExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    /** The e-mail address {@link #anonymousClient()} gives as its password. */
    public static final String GUEST_EMAIL = "ci@example.org";

    private static final int TIMEOUT_MILLIS = 5000;
    private static final String KEY = "server";

    private final UnaryOperator<AnonFtpServer.Builder> customizer;
    private final Namespace namespace = Namespace.create(AnonFtpServerExtension.class, this);
    /** Set by beforeAll, which JUnit calls only for static fields (and per-class test instances). */
    private volatile boolean perClass;
    private volatile String ownerId;
    private volatile RunningServer running;

    private AnonFtpServerExtension(UnaryOperator<AnonFtpServer.Builder> customizer) {
        this.customizer = Objects.requireNonNull(customizer, "customizer");
    }

    /** A server with the extension's defaults. */
    public static AnonFtpServerExtension withDefaults() {
        return new AnonFtpServerExtension(UnaryOperator.identity());
    }

    /**
     * A server whose builder {@code customizer} changes after the extension's defaults are set. The builder's
     * customiser methods start from those defaults and change only what they name; the methods taking a whole
     * configuration replace it, with the library's production defaults for everything not set:
     *
     * <pre>{@code
     * @RegisterExtension
     * static final AnonFtpServerExtension ftp = AnonFtpServerExtension.with(b -> b
     *         .rateLimit(r -> r.maxSessionsPerClient(2))           // the other limits stay relaxed
     *         .accessLog(a -> a.addressPrivacy(AddressPrivacy.MASK))
     *         .protocolLog(true));                                // every command and reply at INFO
     * }</pre>
     *
     * Replacing the guests' {@code anonymous(AnonymousConfig)} configuration moves {@link #root()} and
     * {@link #uploads()} to its directories (the extension's temporary ones are still removed);
     * {@code anonymous(a -> ...)} keeps them. A {@code accessLog(AccessLog)} instance given here is used, and
     * {@link #accessLog()} listens to it.
     */
    public static AnonFtpServerExtension with(UnaryOperator<AnonFtpServer.Builder> customizer) {
        return new AnonFtpServerExtension(customizer);
    }

    /**
     * The rate limits of the extension's servers: the library defaults with no per-client session cap, no
     * connection or command rate, no bans and no connection cap. A start for a limiter of your own, such as one
     * with a test clock: {@code new InMemoryRateLimiter(relaxedRateLimits().toBuilder().maxLoginFailures(3)
     * .build(), clock)}.
     */
    public static RateLimitConfig relaxedRateLimits() {
        return RunningServer.relaxedLimits();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        if (running == null) { // a @Nested class reuses its outer class's server
            ownerId = context.getUniqueId();
            running = startIn(context);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getUniqueId().equals(ownerId)) {
            stopIn(context);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            running = startIn(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perClass) {
            RunningServer current = running;
            if (current != null) {
                current.closeClients();
            }
        } else {
            stopIn(context);
        }
    }

    private RunningServer startIn(ExtensionContext context) {
        RunningServer started = RunningServer.start(customizer);
        context.getStore(namespace).put(KEY, started); // closed by JUnit when this context ends, whatever happens
        return started;
    }

    private void stopIn(ExtensionContext context) {
        RunningServer stopped = context.getStore(namespace).remove(KEY, RunningServer.class);
        running = null;
        if (stopped != null) {
            stopped.close();
        }
    }

    private RunningServer running() {
        RunningServer current = running;
        if (current == null) {
            throw new IllegalStateException("The test FTP server is not running: register the extension with"
                    + " @RegisterExtension and use it from tests or @BeforeEach/@AfterEach methods");
        }
        return current;
    }

    /** The server itself, for what this class does not wrap (its rate limiter's statistics, ...). */
    public AnonFtpServer server() {
        return running().server;
    }

    /** The bound control port. */
    public int port() {
        return running().server.port();
    }

    /** {@code ftp://127.0.0.1:PORT/}. */
    public URI url() {
        return running().server.url();
    }

    /** The guests' archive root (read-only for them); {@link #file(String, String)} writes into it. */
    public Path root() {
        return running().server.root();
    }

    /**
     * The drop box's directory, where guest uploads to {@code /incoming/NAME} land.
     *
     * @throws IllegalStateException when a customised guest configuration has no drop box
     */
    public Path uploads() {
        return running().server.uploadDirectory()
                .orElseThrow(() -> new IllegalStateException("The test FTP server has no drop box"));
    }

    /**
     * Writes a UTF-8 text file into the archive at {@code path} (relative to the root; a leading {@code /} is
     * allowed), creating parent directories; replaces an existing file.
     *
     * @return the file written
     */
    public Path file(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code content} into the archive at {@code path}; see {@link #file(String, String)}. */
    public Path file(String path, byte[] content) {
        Path target = inside(root(), path);
        try {
            Files.createDirectories(target.getParent());
            return Files.write(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    /**
     * The bytes of a file a client uploaded to the drop box as {@code /incoming/NAME}: {@code read("NAME")}.
     * Complete once the client had the upload's {@code 226} reply.
     */
    public byte[] read(String uploadedName) {
        Path source = inside(uploads(), uploadedName);
        try {
            return Files.readAllBytes(source);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the uploaded file " + source, e);
        }
    }

    private static Path inside(Path base, String path) {
        Objects.requireNonNull(path, "path");
        String relative = path.startsWith("/") ? path.substring(1) : path;
        Path resolved = base.resolve(relative).normalize();
        if (relative.isEmpty() || !resolved.startsWith(base) || resolved.equals(base)) {
            throw new IllegalArgumentException("Not a file path inside " + base + ": " + path);
        }
        return resolved;
    }

    /** The access-log events of this server, recorded for assertions. */
    public AccessLogRecorder accessLog() {
        return running().recorder;
    }

    /**
     * A commons-net client connected to the server (not logged in), with 5 s timeouts and passive mode, from
     * 127.0.0.1; disconnected after the test.
     */
    public FTPClient connectedClient() {
        return connectedClient(null);
    }

    /**
     * Like {@link #connectedClient()}, from the local address {@code source}: {@code 127.0.0.2} for a second
     * client as far as per-address limits go (Linux routes all of 127/8 to the loopback interface).
     */
    public FTPClient connectedClient(InetAddress source) {
        RunningServer current = running();
        FTPClient client = new FTPClient();
        client.setConnectTimeout(TIMEOUT_MILLIS);
        client.setDefaultTimeout(TIMEOUT_MILLIS);
        client.setDataTimeout(Duration.ofMillis(TIMEOUT_MILLIS));
        current.register(client);
        try {
            if (source == null) {
                client.connect(connectHost(current.server.host()), current.server.port());
            } else {
                client.connect(connectHost(current.server.host()), current.server.port(), source, 0);
            }
            client.setSoTimeout(TIMEOUT_MILLIS);
        } catch (IOException e) {
            String refusal = client.getReplyCode() >= 400 ? ": " + client.getReplyString().strip() : "";
            RunningServer.disconnect(client);
            throw new UncheckedIOException("Cannot connect to the test FTP server at " + current.server.url()
                    + refusal, e);
        }
        client.enterLocalPassiveMode();
        return client;
    }

    /**
     * A client logged in as {@code anonymous} with the password {@value #GUEST_EMAIL}, in binary mode;
     * disconnected after the test.
     *
     * @throws AssertionError when the server refuses the login (with its reply)
     */
    public FTPClient anonymousClient() {
        FTPClient client = connectedClient();
        try {
            if (!client.login("anonymous", GUEST_EMAIL)) {
                throw new AssertionError("The test FTP server refused the anonymous login: " + client.getReplyString());
            }
            client.setFileType(FTP.BINARY_FILE_TYPE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot log in to the test FTP server", e);
        }
        return client;
    }

    /** Where to connect for a server bound to {@code host}: the loopback address for a wildcard. */
    private static String connectHost(String host) {
        return switch (host) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "0:0:0:0:0:0:0:0" -> "::1";
            default -> host;
        };
    }
}

package io.github.anonftp.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.anonftp.Settings;
import io.github.anonftp.accesslog.AccessLog;
import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.accesslog.AccessLogs;
import io.github.anonftp.accesslog.IpPrivacy;
import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.AnonymousFileSystemFactory;
import io.github.anonftp.anonymous.AnonymousUserManager;
import io.github.anonftp.anonymous.DropBox;
import io.github.anonftp.anonymous.UploadConfig;
import io.github.anonftp.anonymous.UploadListener;
import io.github.anonftp.email.EmailPolicyConfig;
import io.github.anonftp.ftpserver.AnonFtplet;
import io.github.anonftp.ftpserver.ClientSessionFilter;
import io.github.anonftp.metrics.AnonFtpMetrics;
import io.github.anonftp.ratelimit.InMemoryRateLimiter;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.RateLimiter;
import io.github.anonftp.ratelimit.redis.RedisConfig;
import io.github.anonftp.ratelimit.redis.RedisRateLimiter;
import io.github.anonftp.transfer.Bandwidth;

/**
 * An Apache FtpServer with anonftp installed and sensible embedded defaults: 127.0.0.1, an ephemeral
 * port, anonymous guests on a fresh temporary root (removed on {@link #stop()}) unless one is given,
 * the e-mail policy, TCP_NODELAY, RFC 2577 data-connection IP checks, a fixed passive port range.
 *
 * <pre>{@code
 * try (AnonFtpServer ftp = AnonFtpServer.builder().anonymous(AnonymousConfig.builder()
 *         .homeDirectory(root).build()).build()) {
 *     ftp.start();
 *     URI url = ftp.url();   // ftp://127.0.0.1:41234/
 * }
 * }</pre>
 *
 * Not thread-safe to start and stop from several threads at once; a stopped server cannot restart.
 */
public final class AnonFtpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnonFtpServer.class);
    private static final String LISTENER = "default";

    private final ServerConfig config;
    private final Path temporaryRoot;
    private final AnonymousConfig anonymous;
    private final AccessLog accessLog;
    private final SslConfiguration tls;
    private final FtpServerFactory factory;
    private AnonFtplet ftplet;
    private AnonymousUserManager users;
    private FtpServer server;
    /** The farm limiter this server started (and closes on stop), or null. */
    private AutoCloseable ownLimiter;

    private AnonFtpServer(Builder builder) {
        this.config = new ServerConfig(builder);
        this.temporaryRoot = builder.anonymous == null ? createTemporaryRoot() : null;
        AnonymousConfig guests = builder.anonymous != null ? builder.anonymous
                : onTemporaryRoot(builder, temporaryRoot);
        this.anonymous = builder.uploads == null ? guests : guests.toBuilder().uploads(builder.uploads).build();
        try {
            this.tls = ServerTls.of(builder.tlsKeystore, builder.tlsKeystorePasswordFile, builder.tlsKeystorePassword,
                    anonymous);
        } catch (RuntimeException e) {
            if (temporaryRoot != null) {
                TemporaryFiles.deleteTree(temporaryRoot);
            }
            throw e;
        }
        this.accessLog = builder.accessLogInstance != null ? builder.accessLogInstance
                : builder.accessLogFactory != null ? builder.accessLogFactory.apply(builder.accessLog)
                : AccessLogs.create(builder.accessLog);
        try {
            this.factory = createFactory(builder);
        } catch (RuntimeException e) { // a setting checked while wiring (the drop box's group; Redis unreachable
            accessLog.close();          // with redisFailure=closed): leave nothing running
            if (temporaryRoot != null) {
                TemporaryFiles.deleteTree(temporaryRoot);
            }
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The default guests on {@code root}, with the builder's pending {@code anonymous(a -> ...)} changes. */
    private static AnonymousConfig onTemporaryRoot(Builder builder, Path root) {
        try {
            AnonymousConfig.Builder guests = AnonymousConfig.builder().homeDirectory(root);
            builder.anonymousChanges.accept(guests);
            return guests.build();
        } catch (RuntimeException e) {
            TemporaryFiles.deleteTree(root);
            throw e;
        }
    }

    private static Path createTemporaryRoot() {
        try {
            return Files.createTempDirectory("anonftp-root-");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a temporary FTP root", e);
        }
    }

    private FtpServerFactory createFactory(Builder builder) {
        FtpServerFactory ftp = new FtpServerFactory();
        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setMaxLogins(config.maxLogins());
        connections.setMaxAnonymousLogins(Integer.MAX_VALUE); // anonftp counts guests; 0 would refuse all
        connections.setAnonymousLoginEnabled(true);
        connections.setMaxLoginFailures(0); // anonftp counts failures and answers 421 (RFC 2577 §5)
        connections.setLoginFailureDelay(0); // FtpServer's delay sleeps a shared worker thread
        connections.setMaxThreads(config.maxThreads());
        ftp.setConnectionConfig(connections.createConnectionConfig());
        ftp.addListener(LISTENER, createListener(builder.protocolLog, builder.rateLimit.ipv6PrefixLength()));
        users = new AnonymousUserManager(anonymous, builder.userManager);
        if (!builder.uploadListeners.isEmpty() && users.dropBox() == null) {
            throw Settings.invalid("server.uploadListener", builder.uploadListeners.get(0).getClass().getName(),
                    "a drop box (anonymous.uploadDirectory) for the listener to hear about");
        }
        builder.uploadListeners.forEach(listener -> users.dropBox().addListener(listener));
        ftp.setUserManager(users);
        ftp.setFileSystem(new AnonymousFileSystemFactory(
                builder.fileSystem == null ? new NativeFileSystemFactory() : builder.fileSystem));
        Map<String, Ftplet> ftplets = new LinkedHashMap<>(); // ordered and mutable: stop() clears it
        RateLimiter limiter = builder.rateLimiter != null ? builder.rateLimiter
                : builder.redis != null ? farmLimiter(builder)
                : new InMemoryRateLimiter(builder.rateLimit);
        ftplet = AnonFtplet.builder().emailPolicy(builder.emailPolicy).rateLimiter(limiter)
                .accessLog(accessLog, builder.accessLog).build();
        ftplets.put("anonftp", ftplet);
        ftplets.putAll(builder.ftplets);
        ftp.setFtplets(ftplets);
        return ftp;
    }

    /** A Redis limiter; with {@code accessLog.ipPrivacy=hmac} client keys are hashed in Redis too. */
    private RateLimiter farmLimiter(Builder builder) {
        RedisConfig redis = builder.redis;
        if (builder.accessLog.ipPrivacy() == IpPrivacy.HMAC && redis.keySecret() == null) {
            redis = redis.withKeySecret(builder.accessLog.privacySecret());
        }
        RedisRateLimiter limiter = RedisRateLimiter.start(builder.rateLimit, redis);
        ownLimiter = limiter;
        return limiter;
    }

    private Listener createListener(boolean protocolLog, int rateLimitIpv6PrefixLength) {
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setActiveIpCheck(config.dataConnectionIpCheck());
        data.setPassiveIpCheck(config.dataConnectionIpCheck());
        data.setPassivePorts(config.passivePorts());
        if (config.passiveAddress() != null) {
            data.setPassiveExternalAddress(config.passiveAddress());
        }
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress(config.bind());
        listener.setPort(config.port());
        listener.setIdleTimeout((int) config.idleTimeout().toSeconds());
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        listener.setSessionFilter(new ClientSessionFilter(null, protocolLog, new Bandwidth(config.maxDownloadRate(),
                config.maxUploadRate(), rateLimitIpv6PrefixLength)));
        if (tls != null) {
            listener.setSslConfiguration(tls); // explicit AUTH TLS on the control port (RFC 4217)
            listener.setImplicitSsl(false);
        }
        return listener.createListener();
    }

    /** Binds and starts serving. */
    public synchronized AnonFtpServer start() throws FtpException {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = factory.createServer();
        server.start();
        LOG.info("anonftp listening on {}:{}", config.bind(), port());
        return this;
    }

    /** The bound port (the real one when configured with port 0); -1 before {@link #start()}. */
    public int port() {
        return server == null ? -1 : factory.getListener(LISTENER).getPort();
    }

    /** The address the server listens on, as configured. */
    public String host() {
        return config.bind();
    }

    /** {@code ftp://HOST:PORT/}, IPv6 hosts in brackets. */
    public URI url() {
        String host = config.bind().contains(":") ? "[" + config.bind() + "]" : config.bind();
        return URI.create("ftp://" + host + ":" + port() + "/");
    }

    public AnonymousConfig anonymous() {
        return anonymous;
    }

    /** The guests' archive root: the configured home directory, or the temporary one this server made. */
    public Path root() {
        return anonymous.homeDirectory();
    }

    /** The drop box's directory (guests upload to {@link AnonymousConfig#uploadPath()}), if there is one. */
    public Optional<Path> uploadDirectory() {
        return Optional.ofNullable(anonymous.uploadDirectory());
    }

    /** The drop box (its tracked total, its listeners), if guests have one. */
    public Optional<DropBox> dropBox() {
        return Optional.ofNullable(users.dropBox());
    }

    /** The access log in use, for its statistics or to {@link AccessLog#addListener add a listener}. */
    public AccessLog accessLog() {
        return accessLog;
    }

    /** The rate limiter in use, for its statistics. */
    public RateLimiter rateLimiter() {
        return ftplet.limiter();
    }

    /**
     * The server's meters (docs/operations.md), also registered as the JMX MBean
     * {@code io.github.anonftp:type=Metrics,name=anonftp} while it runs; bind them to Micrometer with
     * {@code new AnonFtpMeterBinder(server.metrics())}.
     */
    public AnonFtpMetrics metrics() {
        return ftplet.metrics();
    }

    /** The JMX name of the metrics MBean while the server runs, else null. */
    public javax.management.ObjectName jmxObjectName() {
        return ftplet.jmxObjectName();
    }

    /** The JMX name of the bans MBean (ban, unban, forget, list) while the server runs, else null. */
    public javax.management.ObjectName jmxBansName() {
        return ftplet.jmxBansName();
    }

    public boolean isStarted() {
        return server != null && !server.isStopped();
    }

    /** FtpServer's listener, for tests that look at its sessions. */
    Listener listener() {
        return factory.getListener(LISTENER);
    }

    /** Stops serving, writes out the access log and removes the temporary root, if this server made one. Idempotent. */
    public synchronized void stop() {
        if (server != null && !server.isStopped()) {
            closeSessions();
            server.stop();
        }
        accessLog.close();
        if (ownLimiter != null) {
            try {
                ownLimiter.close();
            } catch (Exception e) {
                LOG.warn("Could not close the rate limiter", e);
            }
        }
        if (temporaryRoot != null) {
            TemporaryFiles.deleteTree(temporaryRoot);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Stops accepting, closes every session and waits (at most 3 s) until each one's end was handled:
     * FtpServer's own stop shuts its executor down first and then refuses the close events, so sessions
     * would end without their logout records and released slots.
     */
    private void closeSessions() {
        server.suspend();
        for (IoSession session : factory.getListener(LISTENER).getActiveSessions()) {
            session.closeOnFlush();
        }
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (ftplet.openSessions() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Builds an {@link AnonFtpServer}; settings are named {@code server.<name>} in error messages. Defaults:
     * bind 127.0.0.1, port 0, passive ports 30000-30099, data-connection IP checks on, idle timeout 5m,
     * max logins 1000, max threads 256, no TLS.
     */
    public static final class Builder {
        String bind = "127.0.0.1";
        int port;
        String passivePorts = "30000-30099";
        String passiveAddress;
        boolean dataConnectionIpCheck = true;
        Duration idleTimeout = Duration.ofMinutes(5);
        int maxLogins = 1000;
        int maxThreads = 256;
        long maxDownloadRate;
        long maxUploadRate;
        AnonymousConfig anonymous;
        /** {@code anonymous(a -> ...)} changes made before any configuration: applied to the temporary root's. */
        Consumer<AnonymousConfig.Builder> anonymousChanges = guests -> { };
        EmailPolicyConfig emailPolicy = EmailPolicyConfig.builder().build();
        RateLimitConfig rateLimit = RateLimitConfig.builder().build();
        RateLimiter rateLimiter;
        RedisConfig redis;
        AccessLogConfig accessLog = AccessLogConfig.builder().build();
        AccessLog accessLogInstance;
        Function<AccessLogConfig, AccessLog> accessLogFactory;
        UserManager userManager;
        FileSystemFactory fileSystem;
        final Map<String, Ftplet> ftplets = new LinkedHashMap<>();
        final List<UploadListener> uploadListeners = new ArrayList<>();
        UploadConfig uploads;
        boolean protocolLog = true;
        Path tlsKeystore;
        Path tlsKeystorePasswordFile;
        String tlsKeystorePassword;

        private Builder() {
        }

        /**
         * A PKCS12 or JKS keystore with the server's key and certificate: turns on explicit {@code AUTH TLS} on the
         * control port (RFC 4217), also for protected data connections ({@code PROT P}). Default none (no TLS).
         */
        public Builder tlsKeystore(Path value) {
            tlsKeystore = Settings.required("server.tlsKeystore", value);
            return this;
        }

        /** The file whose first line is the keystore's password (which is also its key's). */
        public Builder tlsKeystorePasswordFile(Path value) {
            tlsKeystorePasswordFile = Settings.required("server.tlsKeystorePasswordFile", value);
            return this;
        }

        /** The keystore's password itself; prefer {@link #tlsKeystorePasswordFile(Path)}. */
        public Builder tlsKeystorePassword(String value) {
            tlsKeystorePassword = Settings.required("server.tlsKeystorePassword", value);
            return this;
        }

        /** The address to listen on. Default 127.0.0.1. */
        public Builder bind(String value) {
            bind = value;
            return this;
        }

        /** The control port, 0 for an ephemeral one. Default 0. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /** Passive data ports, FtpServer syntax ({@code 30000-30099}, {@code 2300,2400-2410}). */
        public Builder passivePorts(String value) {
            passivePorts = value;
            return this;
        }

        /** The address announced in PASV replies (behind NAT); default the control connection's. */
        public Builder passiveAddress(String value) {
            passiveAddress = value;
            return this;
        }

        /**
         * Whether data connections must come from and go to the client's own address (RFC 2577 §3: no
         * PORT/EPRT bounce to another host, no passive connection stolen by another host). Default true.
         */
        public Builder dataConnectionIpCheck(boolean value) {
            dataConnectionIpCheck = value;
            return this;
        }

        /** Idle time after which any control connection is closed. Default 5m. */
        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        /** Logged-in sessions at once, all users. Default 1000. */
        public Builder maxLogins(int value) {
            maxLogins = value;
            return this;
        }

        /** Worker threads; transfers hold one each. Default 256. */
        public Builder maxThreads(int value) {
            maxThreads = value;
            return this;
        }

        /** The guest accounts; default: anonymous, ftp on a fresh temporary root removed on stop. */
        public Builder anonymous(AnonymousConfig value) {
            anonymous = Settings.required("server.anonymous", value);
            anonymousChanges = guests -> { };
            return this;
        }

        /**
         * Changes some guest settings and keeps the rest: {@code anonymous(a -> a.maxSessions(5))} starts from the
         * configuration set so far ({@link AnonymousConfig#toBuilder()}), or from the default one on the
         * temporary root when none was set (applied when the server is built).
         */
        public Builder anonymous(Consumer<AnonymousConfig.Builder> change) {
            Settings.required("server.anonymous", change);
            if (anonymous == null) {
                anonymousChanges = anonymousChanges.andThen(change);
            } else {
                AnonymousConfig.Builder guests = anonymous.toBuilder();
                change.accept(guests);
                anonymous = guests.build();
            }
            return this;
        }

        public Builder emailPolicy(EmailPolicyConfig value) {
            emailPolicy = Settings.required("server.emailPolicy", value);
            return this;
        }

        /**
         * Changes some e-mail policy settings and keeps the rest ({@link EmailPolicyConfig#toBuilder()}):
         * {@code emailPolicy(e -> e.enforcement(Enforcement.WARN))}.
         */
        public Builder emailPolicy(Consumer<EmailPolicyConfig.Builder> change) {
            EmailPolicyConfig.Builder policy = emailPolicy.toBuilder();
            Settings.required("server.emailPolicy", change).accept(policy);
            return emailPolicy(policy.build());
        }

        public Builder rateLimit(RateLimitConfig value) {
            rateLimit = Settings.required("server.rateLimit", value);
            return this;
        }

        /**
         * Changes some limits and keeps the rest ({@link RateLimitConfig#toBuilder()}), where
         * {@link #rateLimit(RateLimitConfig)} replaces them all: {@code rateLimit(r -> r.maxSessionsPerClient(2))}.
         */
        public Builder rateLimit(Consumer<RateLimitConfig.Builder> change) {
            RateLimitConfig.Builder limits = rateLimit.toBuilder();
            Settings.required("server.rateLimit", change).accept(limits);
            return rateLimit(limits.build());
        }

        /**
         * A rate limiter to use instead of an in-memory one built from {@link #rateLimit}: a shared one for
         * a server farm, or one with a test clock. Its own configuration applies.
         */
        public Builder rateLimiter(RateLimiter value) {
            rateLimiter = Settings.required("server.rateLimiter", value);
            return this;
        }

        /**
         * Farm mode: the per-client limits of {@link #rateLimit} shared through Redis with every server using the
         * same Redis and prefix. The server connects when built (an unreachable Redis with
         * {@code rateLimit.redisFailure=closed} fails {@link #build()}) and disconnects on stop, freeing its
         * session slots. With {@code accessLog.ipPrivacy=hmac} client keys are hashed in Redis with the access
         * log's secret. Ignored when a {@link #rateLimiter(RateLimiter) limiter} is given.
         */
        public Builder redis(RedisConfig value) {
            redis = Settings.required("rateLimit.redis", value);
            return this;
        }

        /** The access log's settings; default JSON Lines to the SLF4J logger {@code anonftp.access}. */
        public Builder accessLog(AccessLogConfig value) {
            accessLog = Settings.required("server.accessLog", value);
            return this;
        }

        /**
         * Changes some access-log settings and keeps the rest ({@link AccessLogConfig#toBuilder()}):
         * {@code accessLog(a -> a.addressPrivacy(AddressPrivacy.MASK))}.
         */
        public Builder accessLog(Consumer<AccessLogConfig.Builder> change) {
            AccessLogConfig.Builder log = accessLog.toBuilder();
            Settings.required("server.accessLog", change).accept(log);
            return accessLog(log.build());
        }

        /**
         * A ready access log instead of one built from {@link #accessLog(AccessLogConfig)} (whose privacy then
         * still applies to FtpServer's own log lines); the server closes it on stop.
         */
        public Builder accessLog(AccessLog value) {
            accessLogInstance = Settings.required("server.accessLog", value);
            return this;
        }

        /**
         * How the access log is made from the {@link #accessLog(AccessLogConfig) configuration} in effect when
         * {@link #build()} runs, instead of {@link AccessLogs#create(AccessLogConfig)}: for example one writing to
         * memory with the configured privacy. A ready {@link #accessLog(AccessLog) instance} takes precedence. The
         * server closes the log on stop.
         */
        public Builder accessLogFactory(Function<AccessLogConfig, AccessLog> value) {
            accessLogFactory = Settings.required("server.accessLogFactory", value);
            return this;
        }

        /** The site's user manager for real accounts; none (default) means anonymous only. */
        public Builder userManager(UserManager value) {
            userManager = value;
            return this;
        }

        /** The file system real users get; default FtpServer's native one. Guests always get their own. */
        public Builder fileSystem(FileSystemFactory value) {
            fileSystem = value;
            return this;
        }

        /** Adds a site ftplet; it runs after anonftp's, in the order added. */
        public Builder ftplet(String name, Ftplet ftplet) {
            if (name == null || name.equals("anonftp") || ftplet == null) {
                throw Settings.invalid("server.ftplets", String.valueOf(name),
                        "a name other than anonftp and an ftplet");
            }
            ftplets.put(name, ftplet);
            return this;
        }

        /** The drop box's upload settings, replacing those of {@link #anonymous(AnonymousConfig)}. */
        public Builder uploads(UploadConfig value) {
            uploads = Settings.required("server.uploads", value);
            return this;
        }

        /**
         * Adds a listener told of every upload stored in the drop box, off the FTP threads; one that throws rejects
         * the file (quarantine or delete). Requires a drop box.
         */
        public Builder uploadListener(UploadListener listener) {
            uploadListeners.add(Settings.required("server.uploadListener", listener));
            return this;
        }

        /**
         * Bytes per second for all downloads of the server together (every user), shared fairly among the
         * running transfers; 0 = unlimited (default). Enforced by anonftp's data connections.
         */
        public Builder maxDownloadRate(long value) {
            maxDownloadRate = value;
            return this;
        }

        /** As {@link #maxDownloadRate}, for all uploads together. */
        public Builder maxUploadRate(long value) {
            maxUploadRate = value;
            return this;
        }

        /**
         * Whether sessions log every command and reply (passwords masked) at INFO on the logger
         * {@code org.apache.ftpserver.listener.nio.FtpLoggingFilter}, as FtpServer does. Default true; the
         * JUnit extension turns it off. False removes the logger from each session: no line at any level.
         */
        public Builder protocolLog(boolean value) {
            protocolLog = value;
            return this;
        }

        public AnonFtpServer build() {
            return new AnonFtpServer(this);
        }
    }
}

package io.github.anonftp.ratelimit.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.slf4j.Logger;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

/**
 * One Lettuce connection to Redis and what it takes to never let an FTP thread wait longer than
 * {@code rateLimit.redisTimeout}: every awaited call is bounded by it; the first failure marks the store
 * unavailable, so later calls fail at once without touching the network; only the maintenance thread
 * reconnects and probes ({@link #probe()}). Warnings are logged once a minute at most. Thread-safe.
 */
final class RedisStore implements AutoCloseable {

    private final Logger log;
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    /** A script and its SHA-1, computed here: EVALSHA needs no SCRIPT LOAD round trip first. */
    enum Script {
        ADMIT(Scripts.ADMIT, ScriptOutputType.MULTI), FAIL(Scripts.FAIL, ScriptOutputType.MULTI),
        UNBAN(Scripts.UNBAN, ScriptOutputType.INTEGER), RENEW(Scripts.RENEW, ScriptOutputType.INTEGER),
        BAN(Scripts.BAN, ScriptOutputType.MULTI), UPLOAD_START(Scripts.UPLOAD_START, ScriptOutputType.MULTI),
        UPLOAD_CLAIM(Scripts.UPLOAD_CLAIM, ScriptOutputType.INTEGER),
        UPLOAD_RETURN(Scripts.UPLOAD_RETURN, ScriptOutputType.INTEGER);

        final String text;
        final String sha;
        final ScriptOutputType output;

        Script(String text, ScriptOutputType output) {
            this.text = text;
            this.sha = sha1(text);
            this.output = output;
        }
    }

    /** Thrown when Redis did not answer in time or failed; the store is unavailable from then on. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(Throwable cause) {
            super(cause == null ? "Redis is unavailable" : cause.toString(), cause, false, false);
        }
    }

    private final RedisConfig config;
    private final long timeoutNanos;
    private final RedisURI uri;
    private final ClientResources resources;
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;
    private volatile boolean available;
    private volatile boolean closed;
    private volatile long downSince;
    private volatile boolean startedWithout;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);
    private final LongAdder errors = new LongAdder();
    private final LongAdder outages = new LongAdder();
    private final LongAdder recoveries = new LongAdder();
    private volatile String lastCause = "not connected yet";

    RedisStore(RedisConfig config, Logger log) {
        this.config = config;
        this.log = log;
        this.timeoutNanos = config.redisTimeout().toNanos();
        this.uri = redisUri(config);
        this.resources = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(1).build();
        this.client = RedisClient.create(resources);
        // Connecting and probing happen on the maintenance thread (or at start-up), never on an FTP thread.
        Duration connectTimeout = config.redisTimeout().multipliedBy(4).compareTo(Duration.ofSeconds(2)) < 0
                ? Duration.ofSeconds(2) : config.redisTimeout().multipliedBy(4);
        uri.setTimeout(connectTimeout); // the connection handshake's, on the maintenance thread
        client.setOptions(ClientOptions.builder()
                // Reconnection is the maintenance thread's: a lost connection rejects commands at once.
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(100_000)
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands().timeoutSource(new Timeouts(
                        timeoutNanos, connectTimeout.toNanos())).build())
                .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout).keepAlive(true)
                        .tcpNoDelay(true).build())
                .build());
    }

    /**
     * Lettuce's own deadline per command, so that nothing queues without bound while Redis is slow: the FTP
     * threads' calls get {@code rateLimit.redisTimeout}; the maintenance thread's PING, SCRIPT and renewals the
     * longer connect timeout (a loaded node must not declare Redis dead because it was slow itself).
     */
    private static final class Timeouts extends TimeoutOptions.TimeoutSource {
        private final long calls;
        private final long maintenance;

        Timeouts(long calls, long maintenance) {
            this.calls = calls;
            this.maintenance = maintenance;
        }

        @Override
        public long getTimeout(RedisCommand<?, ?, ?> command) {
            String type = command.getType().toString();
            return type.equals("PING") || type.equals("SCRIPT") || type.equals("EVAL") ? maintenance : calls;
        }

        @Override
        public TimeUnit getTimeUnit() {
            return TimeUnit.NANOSECONDS;
        }
    }

    private static RedisURI redisUri(RedisConfig config) {
        RedisURI uri;
        try {
            uri = RedisURI.create(config.redis());
        } catch (RuntimeException e) {
            throw new FtpServerConfigurationException("rateLimit.redis: \"" + config.displayUrl()
                    + "\" is not valid (" + e.getMessage() + "); expected redis://[user:password@]host:port[/db]", e);
        }
        if (config.redisPassword() != null) {
            uri.setPassword(config.redisPassword().toCharArray());
        }
        return uri;
    }

    /**
     * Connects at start-up. Returns whether Redis answered; when it did not, the caller fails start-up
     * ({@code closed}) or carries on and lets the maintenance thread keep trying ({@code open}).
     */
    boolean start() {
        boolean up = probe();
        if (!up) {
            startedWithout = true;
            downSince = System.nanoTime();
            lastWarning.set(System.nanoTime());
            log.warn("Redis at {} cannot be reached at start-up ({}); {}", config.displayUrl(), lastCause,
                    whatNow());
        }
        return up;
    }

    boolean isAvailable() {
        return available;
    }

    String lastCause() {
        return lastCause;
    }

    /** Runs a script and waits for its result, at most the timeout. */
    <T> T eval(Script script, String[] keys, String... args) throws Unavailable {
        return await(commands -> commands.<T>evalsha(script.sha, script.output, keys, args), script, keys, args);
    }

    /** Runs a command and waits for its result, at most the timeout. */
    <T> T call(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command) throws Unavailable {
        return await(command, null, null, null);
    }

    /**
     * Sends {@code commands} together (pipelined on the one connection) and waits for all their results, at most
     * the timeout plus 50 µs a command.
     */
    <T> List<T> callAll(List<Function<RedisAsyncCommands<String, String>, RedisFuture<T>>> commands)
            throws Unavailable {
        StatefulRedisConnection<String, String> current = connection;
        if (!available || current == null) {
            throw new Unavailable(null);
        }
        long deadline = System.nanoTime() + timeoutNanos + commands.size() * 50_000L;
        List<RedisFuture<T>> sent = new ArrayList<>(commands.size());
        try {
            RedisAsyncCommands<String, String> async = current.async();
            for (Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command : commands) {
                sent.add(command.apply(async));
            }
            List<T> results = new ArrayList<>(sent.size());
            for (RedisFuture<T> future : sent) {
                results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            }
            return results;
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        } catch (TimeoutException e) {
            sent.forEach(future -> future.cancel(true));
            throw failed(new TimeoutException("no answer within " + config.redisTimeout().toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(e);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    private <T> T await(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command, Script script,
            String[] keys, String[] args) throws Unavailable {
        StatefulRedisConnection<String, String> current = connection;
        if (!available || current == null) {
            throw new Unavailable(null);
        }
        long deadline = System.nanoTime() + timeoutNanos;
        RedisFuture<T> future = null;
        try {
            future = command.apply(current.async());
            return future.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RedisNoScriptException && script != null) {
                return evalText(current, script, keys, args, deadline);
            }
            throw failed(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failed(new TimeoutException("no answer within " + config.redisTimeout().toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(e);
        } catch (RuntimeException e) {
            throw failed(e);
        }
    }

    /** A script Redis does not know (it restarted): EVAL sends the text and caches it again. */
    @SuppressWarnings("unchecked")
    private <T> T evalText(StatefulRedisConnection<String, String> current, Script script, String[] keys,
            String[] args, long deadline) throws Unavailable {
        RedisFuture<Object> future = current.async().eval(script.text, script.output, keys, args);
        try {
            return (T) future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw failed(e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failed(new TimeoutException("no answer within " + config.redisTimeout().toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed(e);
        }
    }

    /** Sends a script without waiting for it (renewals, releases); a failure makes the store unavailable. */
    CompletableFuture<Object> fire(Script script, String[] keys, String... args) {
        StatefulRedisConnection<String, String> current = connection;
        if (!available || current == null) {
            return CompletableFuture.failedFuture(new Unavailable(null));
        }
        try {
            RedisAsyncCommands<String, String> commands = current.async();
            return commands.<Object>evalsha(script.sha, script.output, keys, args).toCompletableFuture()
                    .handle((result, error) -> error instanceof RedisNoScriptException
                            ? commands.<Object>eval(script.text, script.output, keys, args)
                                    .toCompletableFuture()
                            : error != null ? CompletableFuture.<Object>failedFuture(error)
                            : CompletableFuture.completedFuture(result))
                    .thenCompose(stage -> stage)
                    .whenComplete((result, error) -> {
                        if (error != null) {
                            failed(error);
                        }
                    });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(failed(e));
        }
    }

    /** Sends a command without waiting for it; a failure makes the store unavailable. */
    void fire(Function<RedisAsyncCommands<String, String>, RedisFuture<?>> command) {
        StatefulRedisConnection<String, String> current = connection;
        if (!available || current == null) {
            return;
        }
        try {
            command.apply(current.async()).whenComplete((result, error) -> {
                if (error != null) {
                    failed(error);
                }
            });
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    /** Counts a failed call and, the first time, marks the store unavailable and warns (once a minute at most). */
    Unavailable failed(Throwable cause) {
        errors.increment();
        String text = cause == null ? "unknown" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        lastCause = text.length() > 200 ? text.substring(0, 200) : text;
        if (available && !closed) {
            synchronized (this) {
                if (available) {
                    available = false;
                    downSince = System.nanoTime();
                    outages.increment();
                    warn("Redis at {} stopped answering ({}); {}", config.displayUrl(), lastCause, whatNow());
                }
            }
        }
        return new Unavailable(cause);
    }

    private String whatNow() {
        return config.redisFailure() == RedisConfig.FailureMode.OPEN
                ? "admitting by this node's own limits (rateLimit.redisFailure=open) until it answers again"
                : "refusing new connections (rateLimit.redisFailure=closed) until it answers again";
    }

    /** Logs a warning unless one was logged less than a minute ago. */
    private void warn(String format, Object... args) {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn(format, args);
        }
    }

    /** While unavailable: a reminder once a minute, with how long it has been. */
    void remindIfDown(long localDecisions) {
        if (!available && !closed) {
            warn("Redis at {} is still unreachable after {} s ({}); {} decisions made on this node alone so far",
                    config.displayUrl(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - downSince), lastCause,
                    localDecisions);
        }
    }

    /**
     * Reconnects if needed and checks that Redis answers, on the maintenance thread only. Returns whether it
     * does; does not make the store available (the limiter re-registers its slots first, then calls
     * {@link #markAvailable}).
     */
    boolean probe() {
        if (closed) {
            return false;
        }
        try {
            StatefulRedisConnection<String, String> current = connection;
            if (current == null || !current.isOpen()) {
                if (current != null) {
                    current.closeAsync();
                }
                current = client.connect(StringCodec.UTF8, uri);
                connection = current;
            }
            String pong = current.async().ping().get(Math.max(timeoutNanos, TimeUnit.SECONDS.toNanos(2)),
                    TimeUnit.NANOSECONDS);
            if (!"PONG".equals(pong)) {
                lastCause = "PING answered " + pong;
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            errors.increment();
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? ""
                    : ": " + cause.getMessage());
            lastCause = text.length() > 200 ? text.substring(0, 200) : text;
            return false;
        }
    }

    /** Sends the scripts again (after a restart Redis has forgotten them), waiting at most the timeout each. */
    void loadScripts() throws Unavailable {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null) {
            throw new Unavailable(null);
        }
        for (Script script : Script.values()) {
            try {
                current.async().scriptLoad(script.text).get(Math.max(timeoutNanos, TimeUnit.SECONDS.toNanos(1)),
                        TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new Unavailable(e);
            }
        }
    }

    /** Runs a command on the maintenance thread while the store is not yet available (re-registration). */
    RedisAsyncCommands<String, String> maintenanceCommands() throws Unavailable {
        StatefulRedisConnection<String, String> current = connection;
        if (current == null || !current.isOpen()) {
            throw new Unavailable(null);
        }
        return current.async();
    }

    /** Makes the store available again; logs the recovery when it follows an outage. */
    void markAvailable(boolean afterOutage, int reRegistered) {
        synchronized (this) {
            available = true;
        }
        if (afterOutage) {
            recoveries.increment();
            log.info("Redis at {} answers again after {} s; re-registered {} session slots of this node",
                    config.displayUrl(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - downSince),
                    reRegistered);
        } else if (startedWithout) {
            log.info("Redis at {} answers now; registered {} session slots admitted meanwhile",
                    config.displayUrl(), reRegistered);
        }
        startedWithout = false;
    }

    long errors() {
        return errors.sum();
    }

    long outages() {
        return outages.sum();
    }

    long recoveries() {
        return recoveries.sum();
    }

    Duration timeout() {
        return config.redisTimeout();
    }

    @Override
    public void close() {
        closed = true;
        available = false;
        StatefulRedisConnection<String, String> current = connection;
        if (current != null) {
            current.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}

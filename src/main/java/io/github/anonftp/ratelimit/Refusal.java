package io.github.anonftp.ratelimit;

import java.util.Locale;

/** Why a client was (or, in dry-run mode, would have been) refused. */
public enum Refusal {
    /** The address is in {@code rateLimit.deniedNetworks}. */
    DENIED_NETWORK,
    /** {@code rateLimit.maxConnections} connections are open. */
    SERVER_FULL,
    /** The client is banned after repeated failed logins. */
    BANNED,
    /** The client opened connections faster than {@code rateLimit.connectionRate}. */
    CONNECTION_RATE,
    /** The client has {@code rateLimit.maxSessionsPerClient} connections open. */
    TOO_MANY_SESSIONS,
    /** A session sent commands faster than {@code rateLimit.commandRate}. */
    COMMAND_RATE,
    /** A connection did not log in within {@code rateLimit.loginTimeout}. */
    LOGIN_TIMEOUT,
    /** A connection had {@code rateLimit.maxFailuresPerConnection} failed logins. */
    TOO_MANY_FAILURES,
    /** The client uploaded {@code rateLimit.uploadQuotaPerClient} bytes in the current period. */
    UPLOAD_QUOTA,
    /** The client started {@code rateLimit.uploadFilesPerClient} uploads in the current period. */
    UPLOAD_FILES,
    /**
     * The shared limiter of a server farm cannot be reached and {@code rateLimit.redisFailure} is {@code closed}:
     * nothing can be decided, so nothing is admitted.
     */
    UNAVAILABLE;

    // Made once: a refusal's log call evaluates token() even when the level is off, on every refused connection.
    private final String token = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The stable lower-case token used in logs: {@code too-many-sessions}. */
    public String token() {
        return token;
    }
}

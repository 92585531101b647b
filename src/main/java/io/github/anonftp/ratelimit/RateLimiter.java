package io.github.anonftp.ratelimit;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Per-client limits: admission of connections (denied and allowed networks, the server-wide cap, bans,
 * the connection rate, sessions per client), command budgets, failed logins and the bans they lead to.
 *
 * <p>Implementations are thread-safe and never block on I/O in {@link #admit}: FtpServer calls it on a
 * worker thread for every connection. The in-memory implementation is {@link InMemoryRateLimiter}; the
 * shared one for server farms ({@code ratelimit.redis.RedisRateLimiter}) passes the same contract tests and
 * waits for Redis at most {@code rateLimit.redisTimeout} per call.
 */
public interface RateLimiter {

    RateLimitConfig config();

    /** The key {@code address} is counted by. */
    ClientKey keyOf(InetAddress address);

    /** Decides on a new connection from {@code address}; an allowed one holds a slot until its lease is released. */
    Admission admit(InetAddress address);

    /**
     * Records one failed login of the lease's client. Returns the ban this failure started, if it did (the
     * {@code rateLimit.maxLoginFailures}-th failure within {@code rateLimit.loginFailureWindow}).
     */
    Optional<Ban> loginFailed(Lease lease);

    /** The client's ban, if one is in force now. */
    Optional<Ban> activeBan(ClientKey key);

    /**
     * The bans in force now, each with its key, end, strike and length; in no particular order. For metrics and
     * operators; its cost grows with the clients the limiter tracks as live (open connections and bans).
     */
    List<Ban> activeBans();

    /**
     * Bans a client now for {@code length}, whatever its failures (an operator's decision): one strike more, counted
     * as a ban started. Its connections are refused from now on; open sessions are the caller's to close.
     *
     * @throws IllegalArgumentException if {@code length} is not positive or exceeds {@code rateLimit.maxBanDuration}
     */
    Ban ban(ClientKey key, Duration length);

    /** Forgets a client's failed logins, strikes and ban, as if it had never failed. */
    void forget(ClientKey key);

    /** Lifts a client's ban (its strike count stays). */
    void unban(ClientKey key);

    /**
     * Records a refusal decided outside {@link #admit} (the command budget, the login deadline), for the
     * statistics; in dry-run mode as a dry-run refusal. The caller refuses unless
     * {@code config().dryRun()}.
     */
    void refused(Refusal reason, ClientKey key);

    /**
     * The client's upload quotas now ({@code rateLimit.uploadQuotaPerClient}, {@code rateLimit.uploadFilesPerClient}:
     * fixed windows from the client's first upload); counts nothing.
     */
    UploadAllowance uploadAllowance(ClientKey key);

    /**
     * Starts an upload: counts one against {@code rateLimit.uploadFilesPerClient}. Refused, counting nothing, when
     * either quota is spent. Atomic: concurrent uploads of one client never pass the quota together.
     */
    UploadAllowance startUpload(ClientKey key);

    /**
     * Counts up to {@code bytes} against {@code rateLimit.uploadQuotaPerClient} and returns how many it counted:
     * fewer once the quota is reached (then the upload must stop). Atomic, as {@link #startUpload}.
     */
    long claimUploadBytes(ClientKey key, long bytes);

    /**
     * Gives back {@code bytes} counted for an upload that kept fewer or none, and the started upload itself when
     * {@code file}. Never takes a count below zero.
     */
    void returnUpload(ClientKey key, long bytes, boolean file);

    /** The current time of the limiter's clock. */
    Instant now();

    RateLimitStats stats();
}

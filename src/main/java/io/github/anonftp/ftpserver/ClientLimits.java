package io.github.anonftp.ftpserver;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.anonftp.ratelimit.Admission;
import io.github.anonftp.ratelimit.Ban;
import io.github.anonftp.ratelimit.ClientKey;
import io.github.anonftp.ratelimit.Lease;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.RateLimiter;
import io.github.anonftp.ratelimit.Refusal;

/**
 * The rate-limit half of {@link AnonFtplet}: admission with {@code 421} before the greeting, bans at USER
 * and PASS, failed logins (per connection and per client), the failure delay and the login deadline.
 * With anonftp's listener (a {@link SessionControl}) deadlines and delays run on {@link Timers} and the
 * command budget is spent in the {@link ReplyFilter}; without it they are checked at the next command.
 *
 * <p>The limiter's decisions about a client are logged here, under the logger
 * {@code io.github.anonftp.ratelimit.RateLimiter} (refusals and bans at DEBUG, dry-run refusals at INFO), with
 * the client key shown as the access log's IP privacy allows: whatever the limiter implementation, no line
 * shows a raw client address under privacy.
 */
final class ClientLimits {

    private static final Logger LOG = LoggerFactory.getLogger(RateLimiter.class);

    private final RateLimiter limiter;
    private final RateLimitConfig config;
    private final Timers timers;
    private final SessionEvents events;
    private final UnaryOperator<String> logKey;
    private final OpenSessions open = new OpenSessions();

    /** @param logKey how a client key ({@code 192.0.2.7}, {@code 2001:db8::/64}) is shown in log lines */
    ClientLimits(RateLimiter limiter, Timers timers, SessionEvents events, UnaryOperator<String> logKey) {
        this.limiter = limiter;
        this.config = limiter.config();
        this.timers = timers;
        this.events = events;
        this.logKey = logKey;
    }

    private String shown(ClientKey key) {
        return logKey.apply(key.toString());
    }

    FtpletResult connected(FtpSession session, SessionState state) throws FtpException {
        InetSocketAddress client = session.getClientAddress();
        if (client == null) {
            return FtpletResult.DEFAULT;
        }
        Admission admission = limiter.admit(client.getAddress());
        if (!admission.isAllowed()) {
            if (LOG.isDebugEnabled()) {
                LOG.debug("Refused a connection from {}: {}", shown(limiter.keyOf(client.getAddress())),
                        admission.refusal().token());
            }
            session.write(Replies.refused(admission));
            events.refused(state, admission.refusal().token(), admission.retryAfter(), false);
            return FtpletResult.DISCONNECT;
        }
        if (admission.wouldRefuse() != null) {
            LOG.info("dry_run: would refuse a connection from {}: {}", shown(admission.lease().key()),
                    admission.wouldRefuse().token());
            events.refused(state, admission.wouldRefuse().token(), admission.retryAfter(), true);
        }
        events.connected(state);
        Lease lease = admission.lease();
        state.lease(lease);
        open.add(lease.key(), state);
        SessionControl control = SessionControl.of(session);
        state.control(control);
        if (control != null) {
            control.limit(state, this);
            scheduleLoginDeadline(control, state);
        }
        return FtpletResult.DEFAULT;
    }

    /**
     * A login ended but the connection stays (REIN, or FtpServer's logout on a second PASS): the client gets
     * {@code rateLimit.loginTimeout} again to log in, from now, as on a new connection.
     */
    void loginEnded(FtpSession session, SessionState state) {
        if (state.lease() == null) {
            return;
        }
        state.restartLoginWindow();
        SessionControl control = SessionControl.of(session);
        if (control != null) {
            state.cancelLoginDeadline();
            scheduleLoginDeadline(control, state);
        }
    }

    private void scheduleLoginDeadline(SessionControl control, SessionState state) {
        Duration timeout = config.loginTimeout();
        if (timeout.isZero() || state.lease().isExempt()) {
            return;
        }
        state.loginDeadline(timers.schedule(() -> {
            if (!state.loggedIn() && enforce(Refusal.LOGIN_TIMEOUT, state)) {
                control.closeWith(Replies.loginTimedOut(timeout));
            }
        }, timeout));
    }

    /** Records a refusal outside admission; true when it is enforced (not a dry run). */
    private boolean enforce(Refusal reason, SessionState state) {
        ClientKey key = state.lease().key();
        limiter.refused(reason, key);
        if (config.dryRun()) {
            LOG.info("dry_run: would close a session of {}: {}", shown(key), reason.token());
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Closed a session of {}: {}", shown(key), reason.token());
        }
        events.refused(state, reason.token(), null, config.dryRun());
        return !config.dryRun();
    }

    /** The session spent its command budget: true when it must close. */
    boolean commandBudgetSpent(SessionState state) {
        return enforce(Refusal.COMMAND_RATE, state);
    }

    /**
     * Checks made before every command: at integration level 1 only, the command budget and the login
     * deadline (level 2 enforces both without waiting for a command).
     */
    FtpletResult beforeCommand(FtpSession session, SessionState state) throws FtpException {
        FtpReply closing = state.closingReply();
        if (closing != null) {
            session.write(closing); // a ban made while this level-1 session waited
            return FtpletResult.DISCONNECT;
        }
        Lease lease = state.lease();
        if (lease == null || SessionControl.of(session) != null || lease.isExempt()) {
            return FtpletResult.DEFAULT;
        }
        if (!lease.tryCommand() && commandBudgetSpent(state)) {
            session.write(Replies.tooManyCommands());
            return FtpletResult.DISCONNECT;
        }
        Duration timeout = config.loginTimeout();
        if (!state.loggedIn() && !timeout.isZero()
                && System.currentTimeMillis() - state.loginWindowStart() > timeout.toMillis()
                && enforce(Refusal.LOGIN_TIMEOUT, state)) {
            session.write(Replies.loginTimedOut(timeout));
            return FtpletResult.DISCONNECT;
        }
        return FtpletResult.DEFAULT;
    }

    /** USER and PASS from a banned client close the connection; PASS during a failure delay is refused. */
    FtpletResult beforeLogin(FtpSession session, FtpRequest request, SessionState state) throws FtpException {
        Lease lease = state.lease();
        if (lease == null || config.dryRun()) {
            return null;
        }
        Optional<Ban> ban = limiter.activeBan(lease.key());
        if (ban.isPresent()) {
            Duration remaining = ban.get().remaining(limiter.now());
            session.write(Replies.banned(remaining));
            events.refused(state, Refusal.BANNED.token(), remaining, false);
            return FtpletResult.DISCONNECT;
        }
        if (request.getCommand().equals("PASS") && state.isPaused()) {
            // PASS lines that were already read when the delay began: refused, not run.
            session.write(Replies.waitAfterFailure());
            events.loginRefused(state, session.getUserArgument(), "failure-delay", 530);
            return loginFailed(session, state) ? FtpletResult.DISCONNECT : FtpletResult.SKIP;
        }
        return null;
    }

    /**
     * Counts a failed login whose {@code 530} was just written. Returns true, with the {@code 421} written,
     * when the connection must close: the client is now banned, or this connection reached
     * {@code rateLimit.maxFailuresPerConnection}. Otherwise starts the failure delay, if configured.
     */
    boolean loginFailed(FtpSession session, SessionState state) throws FtpException {
        int onConnection = state.recordFailedLogin();
        Lease lease = state.lease();
        Optional<Ban> ban = lease == null ? Optional.empty() : limiter.loginFailed(lease);
        ban.ifPresent(started -> {
            if (LOG.isDebugEnabled()) {
                LOG.debug("Banned {} for {} (strike {})", shown(started.key()), started.length(), started.strike());
            }
            events.banned(state, started);
            closeSessionsOf(started, state, Replies.banned(started.length()));
        });
        if (ban.isPresent() && !config.dryRun()) {
            session.write(Replies.banned(ban.get().length()));
            return true;
        }
        if (onConnection >= config.maxFailuresPerConnection()
                && (lease == null || enforce(Refusal.TOO_MANY_FAILURES, state))) {
            session.write(Replies.tooManyFailures());
            return true;
        }
        Duration delay = config.loginFailureDelay();
        SessionControl control = SessionControl.of(session);
        if (!delay.isZero() && control != null && (lease == null || !lease.isExempt())) {
            state.pauseFor(delay.toNanos());
            control.pauseReads(delay, timers);
        }
        return false;
    }

    /**
     * Closes the open sessions of a client just banned, with {@code reply}, except {@code except} (the session that
     * earned the ban, which answers itself). Level 2 closes at once; level 1 at each session's next command.
     */
    private void closeSessionsOf(Ban ban, SessionState except, FtpReply reply) {
        if (config.dryRun()) {
            return;
        }
        for (SessionState session : open.of(ban.key())) {
            if (session == except) {
                continue;
            }
            SessionControl control = session.control();
            if (control != null) {
                control.closeWith(reply);
            } else {
                session.closeAtNextCommand(reply);
            }
        }
    }

    /** An operator's ban: recorded, and the client's open sessions closed with {@code 421}. */
    Ban ban(ClientKey key, Duration length) {
        Ban ban = limiter.ban(key, length);
        if (LOG.isDebugEnabled()) {
            LOG.debug("Banned {} for {} (strike {}) by an operator", shown(key), length, ban.strike());
        }
        events.operatorBan(ban);
        Duration remaining = ban.remaining(limiter.now());
        closeSessionsOf(ban, null, Replies.bannedByOperator(remaining));
        return ban;
    }

    /** An operator's unban; recorded when a ban was in force. */
    boolean unban(ClientKey key) {
        boolean banned = limiter.activeBan(key).isPresent();
        limiter.unban(key);
        if (banned) {
            events.operatorUnban(key);
        }
        return banned;
    }

    RateLimiter limiter() {
        return limiter;
    }

    void disconnected(SessionState state) {
        Lease lease = state.lease();
        if (lease != null) {
            open.remove(lease.key(), state);
        }
        state.ended();
    }
}

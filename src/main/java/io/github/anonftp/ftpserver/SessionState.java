package io.github.anonftp.ftpserver;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.ftpserver.ftplet.FtpSession;

import io.github.anonftp.email.EmailVerdict;
import io.github.anonftp.ratelimit.Lease;

/**
 * What anonftp remembers about one control connection. FtpServer creates a new {@code FtpSession}
 * wrapper for every event, so state lives in one session attribute. A session's events run one at a
 * time (FtpServer's ordered executor), but possibly on different threads: fields are volatile.
 */
final class SessionState {

    static final String ATTRIBUTE = "io.github.anonftp.session";

    private volatile int failedLogins;
    private volatile EmailVerdict emailVerdict;
    private volatile boolean guestLoginPending;
    private final AtomicBoolean guestSlotHeld = new AtomicBoolean();
    private volatile Lease lease;
    private volatile boolean loggedIn;
    private volatile long pausedUntil; // System.nanoTime(); the failure delay is real time, as read suspension is
    private volatile ScheduledFuture<?> loginDeadline;

    static SessionState of(FtpSession session) {
        Object state = session.getAttribute(ATTRIBUTE);
        if (state instanceof SessionState) {
            return (SessionState) state;
        }
        // onConnect was skipped (the ftplet was added after the connection opened): start afresh.
        SessionState fresh = new SessionState();
        session.setAttribute(ATTRIBUTE, fresh);
        return fresh;
    }

    /** Counts one failed login and returns how many this connection has had. */
    int recordFailedLogin() {
        return ++failedLogins;
    }

    EmailVerdict emailVerdict() {
        return emailVerdict;
    }

    void emailVerdict(EmailVerdict verdict) {
        emailVerdict = verdict;
    }

    boolean guestLoginPending() {
        return guestLoginPending;
    }

    void guestLoginPending(boolean pending) {
        guestLoginPending = pending;
    }

    /** Marks the guest slot as held; false if it already was. */
    boolean holdGuestSlot() {
        return guestSlotHeld.compareAndSet(false, true);
    }

    /** Gives the guest slot back; true exactly once per hold. */
    boolean releaseGuestSlot() {
        return guestSlotHeld.compareAndSet(true, false);
    }

    /** The rate limiter's lease of this connection; null if it has none (no client address). */
    Lease lease() {
        return lease;
    }

    void lease(Lease value) {
        lease = value;
    }

    boolean loggedIn() {
        return loggedIn;
    }

    void loggedIn(boolean value) {
        loggedIn = value;
        if (value) {
            cancelLoginDeadline();
        }
    }

    void pauseFor(long nanos) {
        pausedUntil = System.nanoTime() + nanos;
    }

    boolean isPaused() {
        long until = pausedUntil;
        return until != 0 && until - System.nanoTime() > 0;
    }

    void loginDeadline(ScheduledFuture<?> deadline) {
        loginDeadline = deadline;
    }

    void cancelLoginDeadline() {
        ScheduledFuture<?> deadline = loginDeadline;
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    /** The connection ended: give back what it held. Idempotent. */
    void ended() {
        cancelLoginDeadline();
        Lease held = lease;
        if (held != null) {
            held.release();
        }
    }
}

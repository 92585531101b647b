package io.github.anonftp.ftpserver;

import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.ftpserver.ftplet.FtpSession;

import io.github.anonftp.email.EmailVerdict;

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
}

package io.github.anonftp.ftpserver;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.ftpserver.ftplet.FtpReply;
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
    private volatile long loginWindowStart = System.currentTimeMillis(); // the connection, or the last REIN
    private volatile String sessionId = "";
    private volatile String ip = "";
    private volatile int port;
    private final AtomicBoolean logoutRecorded = new AtomicBoolean();
    private volatile String pendingUser;
    private volatile String pendingPassword;
    private volatile boolean pendingWarned;
    private volatile String account;
    private volatile String email;
    private volatile long transferStart;
    private volatile long bytesIn;
    private volatile long bytesOut;
    private volatile int filesIn;
    private volatile int filesOut;
    private volatile SessionControl control;
    private volatile FtpReply closing;
    private volatile boolean secure;
    private volatile boolean dataConnectionRequested;

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

    /** Whether the control connection is encrypted (AUTH TLS), as of the last command. */
    boolean secure() {
        return secure;
    }

    void secure(boolean value) {
        secure = value;
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

    /** When the time to log in started (epoch milliseconds): at the connection, or when a login ended (REIN). */
    long loginWindowStart() {
        return loginWindowStart;
    }

    /** A login ended without the connection ending: the time to log in starts again now. */
    void restartLoginWindow() {
        loginWindowStart = System.currentTimeMillis();
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

    /** The account logged in on this connection (kept after logout for the logout record); null before. */
    String account() {
        return account;
    }

    /** The address a guest supplied at login, as sent; null for real users. */
    String email() {
        return email;
    }

    void loggedInAs(String accountName, String suppliedEmail) {
        account = accountName;
        email = suppliedEmail;
    }

    /** A PASV, EPSV, PORT or EPRT succeeded on this connection (FtpServer keeps its address from then on). */
    void dataConnectionRequested() {
        dataConnectionRequested = true;
    }

    boolean hasRequestedDataConnection() {
        return dataConnectionRequested;
    }

    void transferStarted() {
        transferStart = System.nanoTime();
    }

    long transferNanos() {
        long start = transferStart;
        return start == 0 ? 0 : System.nanoTime() - start;
    }

    /** Adds a transfer to the session's totals (files count only when complete). */
    void transferred(boolean upload, long bytes, boolean complete) {
        if (upload) {
            bytesIn += bytes;
            filesIn += complete ? 1 : 0;
        } else {
            bytesOut += bytes;
            filesOut += complete ? 1 : 0;
        }
    }

    long bytesIn() {
        return bytesIn;
    }

    long bytesOut() {
        return bytesOut;
    }

    int filesIn() {
        return filesIn;
    }

    int filesOut() {
        return filesOut;
    }

    void identity(String id, String clientIp, int clientPort) {
        sessionId = id;
        ip = clientIp;
        port = clientPort;
    }

    String sessionId() {
        return sessionId;
    }

    String ip() {
        return ip;
    }

    int port() {
        return port;
    }

    /** What a PASS about to run was sent with: the user name as typed, a guest's password, a warning. */
    void pendingLogin(String user, String password, boolean warned) {
        pendingUser = user;
        pendingPassword = password;
        pendingWarned = warned;
    }

    String pendingUser() {
        return pendingUser;
    }

    String pendingPassword() {
        return pendingPassword;
    }

    boolean pendingWarned() {
        return pendingWarned;
    }

    /** anonftp's handle on the connection (integration level 2), or null. */
    SessionControl control() {
        return control;
    }

    void control(SessionControl value) {
        control = value;
    }

    /** At level 1, where no other thread can close the session: the reply to close it with at its next command. */
    void closeAtNextCommand(FtpReply reply) {
        closing = reply;
    }

    FtpReply closingReply() {
        return closing;
    }

    /** True the first time only: one logout record per session. */
    boolean markLoggedOutRecorded() {
        return logoutRecorded.compareAndSet(false, true);
    }
}

package io.github.anonftp.ftpserver;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.logging.MdcInjectionFilter;

import io.github.anonftp.ratelimit.Lease;

/**
 * The ftplet's handle on anonftp's per-connection MINA filter ({@link ClientSessionFilter}), found in the
 * session attributes, which MINA and {@code FtpSession} share. Absent when the server's listener is not
 * anonftp's (integration level 1): then FtpServer's own reply texts stand.
 */
final class SessionControl {

    static final String ATTRIBUTE = "io.github.anonftp.control";

    private final IoSession ioSession;
    private final Map<Integer, String> rewrites = new ConcurrentHashMap<>();
    private final Map<Integer, String> prefixes = new ConcurrentHashMap<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile String lastLine;
    private volatile SessionState state;
    private volatile ClientLimits limits;

    SessionControl(IoSession ioSession) {
        this.ioSession = ioSession;
    }

    /** The control of this session, or null at integration level 1. */
    static SessionControl of(FtpSession session) {
        Object control = session.getAttribute(ATTRIBUTE);
        return control instanceof SessionControl ? (SessionControl) control : null;
    }

    /** The next reply with {@code code} is sent with {@code text} instead (lines split on {@code \n}). */
    void rewriteNext(int code, String text) {
        rewrites.put(code, text);
    }

    String takeRewrite(int code) {
        return rewrites.isEmpty() ? null : rewrites.remove(code);
    }

    void clearRewrites() {
        rewrites.clear();
    }

    /** The next reply with {@code code} gets {@code lines} (split on {@code \n}) before its own text. */
    void prependNext(int code, String lines) {
        prefixes.put(code, lines);
    }

    String takePrefix(int code) {
        return prefixes.isEmpty() ? null : prefixes.remove(code);
    }

    void clearPrefix(int code) {
        prefixes.remove(code);
    }

    /** Remembers the command line as decoded, before FtpServer trims it. */
    void lastLine(String line) {
        lastLine = line;
    }

    /**
     * The argument of {@code request} as the client sent it, with only surrounding spaces and tabs removed.
     * FtpServer {@code trim()}s the whole line, which also drops NUL and other control characters at its
     * ends ({@code PASS user@example.com<NUL>} would reach the ftplet as a clean address).
     */
    String rawArgument(FtpRequest request) {
        String line = lastLine;
        if (line == null || !line.trim().equals(request.getRequestLine())) {
            return request.getArgument();
        }
        int start = 0;
        int end = line.length();
        while (start < end && isSpaceOrTab(line.charAt(start))) {
            start++;
        }
        while (end > start && isSpaceOrTab(line.charAt(end - 1))) {
            end--;
        }
        int space = line.indexOf(' ', start);
        return space < 0 || space >= end ? null : line.substring(space + 1, end);
    }

    private static boolean isSpaceOrTab(char c) {
        return c == ' ' || c == '\t';
    }

    /** Marks the session as closing by anonftp's decision; true for the first caller only. */
    boolean startClosing() {
        return closing.compareAndSet(false, true);
    }

    boolean isClosing() {
        return closing.get();
    }

    /** Shows {@code ip} instead of the client's address in FtpServer's log context ({@code %X{remoteIp}}). */
    void showInLogsAs(String ip) {
        MdcInjectionFilter.setProperty(ioSession, "remoteIp", ip);
        MdcInjectionFilter.setProperty(ioSession, "remoteAddress", "/" + ip);
    }

    /** Sends {@code reply} and closes the connection once it is flushed; from any thread, once. */
    void closeWith(FtpReply reply) {
        if (startClosing()) {
            ioSession.write(reply);
            ioSession.closeOnFlush();
        }
    }

    /** Stops reading from the client for {@code delay}; no thread waits meanwhile. */
    void pauseReads(Duration delay, Timers timers) {
        ioSession.suspendRead();
        if (timers.schedule(ioSession::resumeRead, delay) == null) {
            ioSession.resumeRead();
        }
    }

    /** Spends one command of the session's budget; false when the session must close for it. */
    boolean spendCommand() {
        SessionState current = state;
        ClientLimits by = limits;
        Lease held = current == null ? null : current.lease();
        return held == null || by == null || held.tryCommand() || !by.commandBudgetSpent(current);
    }

    void limit(SessionState session, ClientLimits by) {
        state = session;
        limits = by;
    }
}

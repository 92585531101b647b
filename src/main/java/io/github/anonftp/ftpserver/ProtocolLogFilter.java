package io.github.anonftp.ftpserver;

import java.util.Locale;

import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces FtpServer's protocol logger ({@code FtpLoggingFilter}) in anonftp's sessions, under the same
 * logger name so existing logging configuration applies. FtpServer masks only lines that start with
 * {@code "PASS "}: {@code XPASS secret} (which it runs as PASS) and {@code PASS<TAB>secret} reach its log in
 * clear, and client bytes are logged raw (a CR or an ANSI escape in a line forges or colours log lines).
 * Here every PASS-like line is masked and every control character is escaped, within 512 characters.
 */
final class ProtocolLogFilter extends IoFilterAdapter {

    static final String NAME = "logger";
    private static final Logger LOG = LoggerFactory.getLogger("org.apache.ftpserver.listener.nio.FtpLoggingFilter");
    private static final int MAX = 512;

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (LOG.isInfoEnabled()) {
            LOG.info("RECEIVED: {}", masked(String.valueOf(message), hidesAddresses(session)));
        }
        next.messageReceived(session, message);
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (LOG.isInfoEnabled()) {
            LOG.info("SENT: {}", escaped(String.valueOf(request.getOriginalMessage() != null
                    ? request.getOriginalMessage() : request.getMessage()).strip()));
        }
        next.messageSent(session, request);
    }

    @Override
    public void exceptionCaught(NextFilter next, IoSession session, Throwable cause) throws Exception {
        LOG.debug("Session exception: {}", cause.toString());
        next.exceptionCaught(session, cause);
    }

    private static boolean hidesAddresses(IoSession session) {
        Object control = session.getAttribute(SessionControl.ATTRIBUTE);
        return control instanceof SessionControl && ((SessionControl) control).hidesAddresses();
    }

    /** The line as logged: a password command shows only its command. */
    static String masked(String line) {
        return masked(line, false);
    }

    /**
     * The line as logged: a password command shows only its command, and so do PORT, LPRT and EPRT when
     * {@code hideAddresses} (their argument is the client's IP address, which IP privacy hides).
     */
    static String masked(String line, boolean hideAddresses) {
        String command = line.strip();
        int end = 0;
        while (end < command.length() && command.charAt(end) > ' ') {
            end++;
        }
        String verb = command.substring(0, end).toUpperCase(Locale.ROOT);
        if (verb.equals("PASS") || verb.equals("XPASS")) {
            return verb + " *****";
        }
        if (hideAddresses && (verb.equals("PORT") || verb.equals("EPRT") || verb.equals("LPRT"))) {
            return verb + " *****";
        }
        return escaped(line);
    }

    static String escaped(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX + 16));
        for (int i = 0; i < text.length(); i++) {
            if (out.length() >= MAX) {
                return out.append("...[+").append(text.length() - i).append(']').toString();
            }
            char c = text.charAt(i);
            if (Replies.isControl(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

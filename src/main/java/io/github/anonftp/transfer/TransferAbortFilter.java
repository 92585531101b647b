package io.github.anonftp.transfer;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;

/**
 * Stops a running transfer from the MINA I/O thread, before FtpServer's executor, which runs a session's
 * events one after another and so would only see them once the transfer is over:
 * <ul>
 * <li>an {@code ABOR} line from the client (RFC 959 §4.1.3: the transfer ends with {@code 426}, then ABOR
 * answers {@code 226});</li>
 * <li>the control connection closing (QUIT is not needed for this; a reset is enough);</li>
 * <li>the control connection going idle: while data moves, the transfer keeps it busy, so idle means
 * the data connection made no progress for the control idle time (a client that stopped reading).</li>
 * </ul>
 * O(n) in the bytes received, never blocks; does not consume or change the message. Subclasses that
 * override a method call it (anonftp's close watcher is one, to keep the chain one filter shorter).
 */
public class TransferAbortFilter extends IoFilterAdapter {

    private static final byte[] ABOR = {'A', 'B', 'O', 'R'};

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (message instanceof IoBuffer && containsAbort((IoBuffer) message)) {
            abort(session);
        }
        next.messageReceived(session, message);
    }

    @Override
    public void sessionIdle(NextFilter next, IoSession session, IdleStatus status) throws Exception {
        abort(session);
        next.sessionIdle(session, status);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        abort(session);
        next.sessionClosed(session);
    }

    private static void abort(IoSession session) {
        Object factory = session.getAttribute(ChannelDataConnectionFactory.ATTRIBUTE);
        if (factory instanceof ChannelDataConnectionFactory) {
            ((ChannelDataConnectionFactory) factory).abortTransfer();
        }
    }

    /**
     * Whether a line of the buffer is {@code ABOR} or {@code XABOR} (any case, Telnet IAC sequences and spaces
     * before it skipped, as clients send "IAC IP IAC DM ABOR"), ending in LF or at the end of the buffer.
     */
    static boolean containsAbort(IoBuffer buffer) {
        int end = buffer.limit();
        int i = buffer.position();
        while (i < end) {
            int lineEnd = i;
            while (lineEnd < end && buffer.get(lineEnd) != '\n') {
                lineEnd++;
            }
            if (isAbort(buffer, i, lineEnd)) {
                return true;
            }
            i = lineEnd + 1;
        }
        return false;
    }

    private static boolean isAbort(IoBuffer buffer, int from, int to) {
        int i = from;
        while (i < to) {
            int b = buffer.get(i) & 0xff;
            if (b == 0xff && i + 1 < to && (buffer.get(i + 1) & 0xff) >= 0xf0) {
                i += 2; // IAC and its command (IP, DM, ...)
            } else if (b == ' ' || b == 0xff || b == 0xf2) {
                i++; // a lone IAC or DM (the urgent byte may be cut off), leading spaces
            } else {
                break;
            }
        }
        if (i < to && (buffer.get(i) & 0xdf) == 'X') {
            i++; // FtpServer strips a leading X from every command: XABOR is ABOR
        }
        if (to - i < ABOR.length) {
            return false;
        }
        for (int k = 0; k < ABOR.length; k++) {
            if ((buffer.get(i + k) & 0xdf) != ABOR[k]) {
                return false;
            }
        }
        for (int k = i + ABOR.length; k < to; k++) {
            byte b = buffer.get(k);
            if (b != ' ' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}

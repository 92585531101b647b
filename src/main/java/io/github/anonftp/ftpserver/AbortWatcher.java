package io.github.anonftp.ftpserver;

import java.util.Locale;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;

/**
 * Sees {@code ABOR} on the I/O thread while a guest upload runs, before FtpServer's executor: that executor runs
 * a session's commands one at a time, so FtpServer reads the ABOR only once the transfer is over, by when a client
 * that closed its data connection would have a partial file stored as complete. Here the ABOR closes the data
 * connection at once (RFC 959: the server aborts the transfer, then answers 426 and 226) and the drop box removes
 * the part. Reads the raw bytes without consuming them; O(bytes), and only while an upload runs.
 */
final class AbortWatcher extends IoFilterAdapter {

    static final String NAME = "anonftp-abort";

    private final SessionControl control;
    private int matched;       // letters of "ABOR" matched so far at the start of a command
    private boolean lineStart = true;

    AbortWatcher(SessionControl control) {
        this.control = control;
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (message instanceof IoBuffer && control.uploadRunning()) {
            IoBuffer buffer = (IoBuffer) message;
            for (int i = buffer.position(); i < buffer.limit(); i++) {
                if (seen(buffer.get(i))) {
                    control.abortUpload();
                    break;
                }
            }
        }
        next.messageReceived(session, message);
    }

    /** Feeds one byte; true when it completes {@code ABOR} at the start of a line (Telnet IP/DM bytes skipped). */
    private boolean seen(byte b) {
        int c = b & 0xff;
        if (c == '\n' || c == '\r') {
            lineStart = true;
            matched = 0;
            return false;
        }
        if (c >= 0x80 && matched == 0 && lineStart) {
            return false; // Telnet IAC IP IAC DM (RFC 959 §4.1.3) may precede ABOR
        }
        if (lineStart && matched < 4 && Character.toUpperCase((char) c) == "ABOR".charAt(matched)) {
            matched++;
            if (matched == 4) {
                lineStart = false;
                matched = 0;
                return true;
            }
            return false;
        }
        lineStart = false;
        matched = 0;
        return false;
    }

    @Override
    public String toString() {
        return NAME.toLowerCase(Locale.ROOT);
    }
}

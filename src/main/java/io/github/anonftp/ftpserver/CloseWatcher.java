package io.github.anonftp.ftpserver;

import org.apache.mina.core.session.IoSession;

import io.github.anonftp.transfer.TransferAbortFilter;

/**
 * Ends a session's state when MINA closes it, on the I/O thread, before FtpServer's executor: when the
 * server stops, the executor refuses the close event and the ftplet's {@code onDisconnect} never runs.
 * Releasing is idempotent and O(1), so doing it here and in {@code onDisconnect} is safe. As a
 * {@link TransferAbortFilter}, it also stops a running transfer on ABOR, close or idle.
 */
final class CloseWatcher extends TransferAbortFilter {

    static final String NAME = "anonftp-close";

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        Object state = session.getAttribute(SessionState.ATTRIBUTE);
        if (state instanceof SessionState) {
            ((SessionState) state).ended();
        }
        super.sessionClosed(next, session); // also stops a transfer still running on the closed session
    }
}

package io.github.anonftp.ftpserver;

import org.apache.ftpserver.ipfilter.SessionFilter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.SocketSessionConfig;

import io.github.anonftp.Settings;
import io.github.anonftp.transfer.Bandwidth;
import io.github.anonftp.transfer.ChannelDataConnectionFactory;

/**
 * anonftp's per-connection set-up, installed as the listener's {@link SessionFilter} (integration
 * level 2). Runs on a MINA I/O thread when a connection is created, so it does O(1) work only and never
 * refuses (a refusal here would close the socket silently and corrupt FtpServer's connection count):
 * it switches on TCP_NODELAY (FtpServer has no setting, and Nagle's algorithm holds every small reply
 * for the client's delayed ACK, about 40 ms), and adds the {@link ReplyFilter} with its
 * {@link SessionControl}; it replaces FtpServer's codec with {@link LenientCodec} and its protocol logger
 * with {@link ProtocolLogFilter}, or removes that logger when the protocol log is off; and it installs
 * anonftp's data connection factory ({@link ChannelDataConnectionFactory}: zero-copy downloads, shared
 * bandwidth caps). An operator's own session filter, if given, still decides.
 */
public final class ClientSessionFilter implements SessionFilter {

    private final SessionFilter delegate;
    private final boolean protocolLog;
    private final Bandwidth bandwidth;

    public ClientSessionFilter() {
        this(null);
    }

    /** {@code delegate} (may be null) is consulted first, e.g. FtpServer's {@code RemoteIpFilter}. */
    public ClientSessionFilter(SessionFilter delegate) {
        this(delegate, true);
    }

    /**
     * @param delegate    consulted first (may be null)
     * @param protocolLog whether sessions log every command and reply at INFO on the logger
     *                    {@code org.apache.ftpserver.listener.nio.FtpLoggingFilter} (FtpServer's own name); false
     *                    takes the protocol logger out of the session, so nothing is logged whatever the level
     */
    public ClientSessionFilter(SessionFilter delegate, boolean protocolLog) {
        this(delegate, protocolLog, Bandwidth.UNLIMITED);
    }

    /** As {@link #ClientSessionFilter(SessionFilter, boolean)}, with the bandwidth caps all data connections share. */
    public ClientSessionFilter(SessionFilter delegate, boolean protocolLog, Bandwidth bandwidth) {
        this.delegate = delegate;
        this.protocolLog = protocolLog;
        this.bandwidth = Settings.required("bandwidth", bandwidth);
    }

    @Override
    public boolean accept(IoSession session) {
        if (delegate != null && !delegate.accept(session)) {
            return false;
        }
        if (session.getConfig() instanceof SocketSessionConfig) {
            ((SocketSessionConfig) session.getConfig()).setTcpNoDelay(true);
        }
        if (session.getFilterChain().contains(LenientCodec.NAME)) {
            session.getFilterChain().replace(LenientCodec.NAME, LenientCodec.filter());
        }
        if (session.getFilterChain().contains(ProtocolLogFilter.NAME)) {
            if (protocolLog) {
                session.getFilterChain().replace(ProtocolLogFilter.NAME, new ProtocolLogFilter());
            } else {
                session.getFilterChain().remove(ProtocolLogFilter.NAME);
            }
        }
        // Before FtpServer's FtpIoSession.getDataConnection() creates its own IODataConnectionFactory lazily.
        session.setAttribute(ChannelDataConnectionFactory.ATTRIBUTE,
                new ChannelDataConnectionFactory(session, bandwidth));
        SessionControl control = new SessionControl(session);
        session.setAttribute(SessionControl.ATTRIBUTE, control);
        if (session.getFilterChain().contains("threadPool")) {
            // Sees the close on the I/O thread even when FtpServer's executor no longer runs (server stop).
            // The upload's ABOR is counted before the close watcher stops the transfer: the drop box then knows
            // the stream ended by an abort, not by the client's end of data, and keeps nothing.
            session.getFilterChain().addBefore("threadPool", AbortWatcher.NAME, new AbortWatcher(control));
            session.getFilterChain().addBefore("threadPool", CloseWatcher.NAME, new CloseWatcher());
        }
        if (session.getFilterChain().contains("codec")) {
            session.getFilterChain().addAfter("codec", ReplyFilter.NAME, new ReplyFilter(control));
        } else {
            session.getFilterChain().addLast(ReplyFilter.NAME, new ReplyFilter(control));
        }
        return true;
    }
}

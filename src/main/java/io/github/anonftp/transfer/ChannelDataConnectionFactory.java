package io.github.anonftp.transfer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

import javax.net.ssl.SSLSocket;

import org.apache.ftpserver.DataConnectionConfiguration;
import org.apache.ftpserver.DataConnectionException;
import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.impl.IODataConnectionFactory;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * anonftp's data connection factory, installed per control connection by the session filter under the
 * attribute where FtpServer would create its own {@code IODataConnectionFactory} lazily (integration
 * level 2). It opens the same connections as FtpServer's (PASV/EPSV on the listener's passive ports and
 * address, PORT/EPRT from the configured active address, the passive IP check, the data idle time, TLS
 * with the listener's SSL configuration) but on NIO channels, so that {@link ChannelDataConnection} can
 * send regular files with {@code FileChannel.transferTo} ({@code sendfile(2)}) and pace transfers through
 * {@link Bandwidth}.
 *
 * <p>It extends FtpServer's class only because RETR, STOR, LIST and the other transfer commands test
 * {@code instanceof IODataConnectionFactory} to answer {@code 503 PORT or PASV must be issued first};
 * every method is overridden and none of the superclass's state is used. Internal API of FtpServer 1.2.x.
 */
public final class ChannelDataConnectionFactory extends IODataConnectionFactory {

    /** The session attribute FtpServer's {@code FtpIoSession.getDataConnection()} looks under. */
    public static final String ATTRIBUTE = "org.apache.ftpserver.data-connection";
    /**
     * The session attribute (a {@code Long}) with the file bytes the last transfer moved, also when it
     * failed: FtpServer's commands report 0 bytes for a transfer that ended with {@code 426}.
     */
    public static final String TRANSFERRED_ATTRIBUTE = "io.github.anonftp.transferred";
    private static final String LISTENER = "org.apache.ftpserver.listener";
    private static final Logger LOG = LoggerFactory.getLogger(ChannelDataConnectionFactory.class);

    private final IoSession session;
    private final Bandwidth bandwidth;
    private ServerSocketChannel server;
    private SocketChannel channel;
    private Socket socket; // the channel's socket, or the TLS socket over it
    private InetAddress address;
    private int port;
    private long requestTime;
    private boolean passive;
    private Boolean secure; // null: the listener's implicit-SSL setting, read when first needed
    private boolean zip;
    private InetAddress serverControlAddress;
    private volatile boolean transferring;

    public ChannelDataConnectionFactory(IoSession session, Bandwidth bandwidth) {
        super(null, null);
        this.session = session;
        this.bandwidth = bandwidth;
        if (session.getLocalAddress() instanceof InetSocketAddress) {
            serverControlAddress = ((InetSocketAddress) session.getLocalAddress()).getAddress();
        }
    }

    private Listener listener() {
        return (Listener) session.getAttribute(LISTENER);
    }

    private DataConnectionConfiguration config() {
        return listener().getDataConnectionConfiguration();
    }

    @Override
    public synchronized void closeDataConnection() {
        transferring = false; // also when the command failed between opening the connection and the transfer
        closeQuietly(socket); // first: a TLS socket sends its close_notify
        closeQuietly(channel);
        socket = null;
        channel = null;
        if (server != null) {
            closeQuietly(server);
            server = null;
            config().releasePassivePort(port);
        }
        requestTime = 0L;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Closing a data connection socket failed", e);
            }
        }
    }

    @Override
    public synchronized void initActiveDataConnection(InetSocketAddress client) {
        closeDataConnection();
        passive = false;
        address = client.getAddress();
        port = client.getPort();
        requestTime = System.currentTimeMillis();
    }

    @Override
    public synchronized InetSocketAddress initPassiveDataConnection() throws DataConnectionException {
        closeDataConnection();
        DataConnectionConfiguration config = config();
        int passivePort = config.requestPassivePort();
        if (passivePort == -1) {
            throw new DataConnectionException("Cannot find an available passive port.");
        }
        try {
            address = config.getPassiveAddress() == null ? serverControlAddress
                    : resolve(config.getPassiveAddress());
            if (isSecure() && sslConfiguration() == null) {
                throw new DataConnectionException("Data connection SSL required but not configured.");
            }
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(address, passivePort));
            port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            server.socket().setSoTimeout(config.getIdleTime() * 1000);
            passive = true;
            requestTime = System.currentTimeMillis();
            return new InetSocketAddress(address, port);
        } catch (DataConnectionException e) {
            closeDataConnection();
            config.releasePassivePort(passivePort);
            throw e;
        } catch (Exception e) {
            if (server == null) {
                config.releasePassivePort(passivePort);
            }
            closeDataConnection();
            throw new DataConnectionException("Failed to initate passive data connection: " + e.getMessage(), e);
        }
    }

    static InetAddress resolve(String host) throws DataConnectionException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new DataConnectionException("Failed to resolve address", e);
        }
    }

    private SslConfiguration sslConfiguration() {
        SslConfiguration ssl = config().getSslConfiguration();
        return ssl != null ? ssl : listener().getSslConfiguration();
    }

    @Override
    public synchronized InetAddress getInetAddress() {
        return address;
    }

    @Override
    public synchronized int getPort() {
        return port;
    }

    @Override
    public DataConnection openConnection() throws Exception {
        return new ChannelDataConnection(this, session, open(), bandwidth);
    }

    /**
     * Accepts or makes the data connection; throws if it cannot (the command answers 425). The blocking
     * accept or connect runs outside the lock, so that ABOR, QUIT or a closing session can close the
     * sockets meanwhile (FtpServer holds its factory's lock there).
     */
    private ChannelDataConnection.Connection open() throws Exception {
        DataConnectionConfiguration config;
        ServerSocketChannel waiting;
        InetSocketAddress target;
        boolean tls;
        synchronized (this) {
            config = config();
            waiting = server;
            target = passive || address == null ? null : new InetSocketAddress(address, port);
            tls = isSecure();
            if (passive ? waiting == null : target == null) {
                throw new IOException("PORT or PASV must be issued first");
            }
        }
        SocketChannel opened = null;
        try {
            InetSocketAddress control = (InetSocketAddress) (passive ? session.getRemoteAddress()
                    : session.getLocalAddress());
            opened = passive ? DataSockets.accept(waiting, config, control.getAddress())
                    : DataSockets.connect(target, config, control.getAddress());
            opened.socket().setSoTimeout(config.getIdleTime() * 1000);
            Socket wrapped = tls ? DataSockets.secure(opened.socket(), passive, sslConfiguration()) : opened.socket();
            synchronized (this) {
                if (passive && server != waiting) {
                    throw new IOException("The data connection was closed while it opened");
                }
                channel = opened;
                socket = wrapped;
                return new ChannelDataConnection.Connection(opened, wrapped, wrapped instanceof SSLSocket, zip);
            }
        } catch (Exception e) {
            closeQuietly(opened);
            closeDataConnection();
            LOG.debug("Cannot open the data connection", e);
            throw e;
        }
    }

    void started() {
        transferring = true;
    }

    /** The data connection ended (transfer done or failed): forget the sockets, as FtpServer does. */
    synchronized void ended(SocketChannel finished) {
        transferring = false;
        if (channel == finished) {
            closeDataConnection();
        }
    }

    /**
     * Closes the data connection if a transfer runs on it, from any thread; the transfer then fails with
     * {@code 426}. For ABOR, which FtpServer would only run after the transfer, and for a control
     * connection that closed or went idle while its worker is blocked in a transfer. Returns whether a
     * transfer was running.
     */
    public boolean abortTransfer() {
        if (!transferring) {
            return false;
        }
        synchronized (this) {
            if (channel != null && channel.isOpen()) {
                // Wakes the worker blocked in sendfile or read on this socket: closing the channel alone does
                // not (the JDK signals only threads blocked in the channel's own read or write).
                try {
                    channel.shutdownOutput();
                    channel.shutdownInput();
                } catch (IOException e) {
                    LOG.debug("Shutting down a data connection failed", e);
                }
            }
            closeDataConnection();
        }
        return true;
    }

    @Override
    public synchronized boolean isSecure() {
        if (secure == null) {
            Listener listener = listener();
            return listener != null && listener.getDataConnectionConfiguration().isImplicitSsl();
        }
        return secure;
    }

    @Override
    public synchronized void setSecure(boolean value) {
        secure = value;
    }

    @Override
    public synchronized boolean isZipMode() {
        return zip;
    }

    @Override
    public synchronized void setZipMode(boolean value) {
        zip = value;
    }

    @Override
    public synchronized boolean isTimeout(long currTime) {
        if (requestTime == 0L || channel != null) {
            return false;
        }
        int maxIdleTime = config().getIdleTime() * 1000;
        return maxIdleTime != 0 && currTime - requestTime >= maxIdleTime;
    }

    @Override
    public void dispose() {
        closeDataConnection();
    }

    @Override
    public synchronized void setServerControlAddress(InetAddress value) {
        serverControlAddress = value;
    }
}

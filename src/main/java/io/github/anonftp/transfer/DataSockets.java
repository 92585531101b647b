package io.github.anonftp.transfer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;

import javax.net.ssl.SSLSocket;

import org.apache.ftpserver.DataConnectionConfiguration;
import org.apache.ftpserver.DataConnectionException;
import org.apache.ftpserver.ssl.ClientAuth;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How {@link ChannelDataConnectionFactory} accepts, connects and wraps data sockets, as FtpServer's factory does. */
final class DataSockets {

    private static final Logger LOG = LoggerFactory.getLogger(DataSockets.class);

    private DataSockets() {
    }

    /** Accepts the passive connection; with the passive IP check, only from {@code client}. */
    static SocketChannel accept(ServerSocketChannel waiting, DataConnectionConfiguration config, InetAddress client)
            throws IOException {
        SocketChannel accepted = waiting.socket().accept().getChannel();
        if (config.isPassiveIpCheck()) {
            InetAddress actual = ((InetSocketAddress) accepted.getRemoteAddress()).getAddress();
            if (!actual.equals(client)) {
                LOG.warn("Passive IP check failed: closed a data connection from {}, expected {}",
                        actual.getHostAddress(), client.getHostAddress());
                accepted.close();
                throw new IOException("Data connection from another address");
            }
        }
        return accepted;
    }

    /** Connects to the PORT/EPRT address from the active local address (default: the control connection's). */
    static SocketChannel connect(InetSocketAddress target, DataConnectionConfiguration config, InetAddress local)
            throws IOException {
        SocketChannel connecting = SocketChannel.open();
        try {
            connecting.socket().setReuseAddress(true);
            InetAddress from = config.getActiveLocalAddress() == null ? local
                    : resolveForConnect(config.getActiveLocalAddress());
            connecting.bind(new InetSocketAddress(from, config.getActiveLocalPort()));
            connecting.socket().connect(target, config.getIdleTime() * 1000);
            return connecting;
        } catch (IOException | RuntimeException e) {
            connecting.close();
            throw e;
        }
    }

    private static InetAddress resolveForConnect(String host) throws IOException {
        try {
            return ChannelDataConnectionFactory.resolve(host);
        } catch (DataConnectionException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Wraps the connected socket in TLS as FtpServer does (FTPSERVER-241: never an SSLServerSocket). */
    static Socket secure(Socket plain, boolean passiveSide, SslConfiguration ssl)
            throws IOException, GeneralSecurityException {
        if (ssl == null) {
            throw new IOException("Data connection SSL not configured");
        }
        SSLSocket tls = (SSLSocket) ssl.getSocketFactory().createSocket(plain,
                plain.getInetAddress().getHostAddress(), plain.getPort(), true);
        tls.setUseClientMode(false);
        if (passiveSide && ssl.getClientAuth() == ClientAuth.NEED) {
            tls.setNeedClientAuth(true);
        } else if (passiveSide && ssl.getClientAuth() == ClientAuth.WANT) {
            tls.setWantClientAuth(true);
        }
        if (ssl.getEnabledCipherSuites() != null) {
            tls.setEnabledCipherSuites(ssl.getEnabledCipherSuites());
        }
        if (ssl.getEnabledProtocols() != null) {
            tls.setEnabledProtocols(ssl.getEnabledProtocols());
        }
        tls.setSoTimeout(plain.getSoTimeout());
        tls.startHandshake(); // an empty listing must still complete the handshake
        return tls;
    }
}

package io.github.anonftp.transfer;

import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What FtpServer's transfer commands see of a failure, as with its own data connection: a failure of the
 * connection is a {@link SocketException} (they answer {@code 426}), one of the file another
 * {@code IOException} ({@code 551}).
 */
final class TransferErrors {

    private static final Logger LOG = LoggerFactory.getLogger(TransferErrors.class);

    private TransferErrors() {
    }

    /**
     * {@code e} as the command should see it. Closes from another thread (ABOR, the session closed) are
     * connection failures, which NIO reports as {@code ClosedChannelException}; so are a reset or a broken
     * pipe, which NIO reports as a plain {@code IOException} and java.net's streams as SocketException.
     */
    static IOException asSeenByTheCommand(Exception e, SocketChannel channel) {
        LOG.debug("Data transfer failed; closing the data connection", e);
        if (e instanceof ClosedChannelException) {
            return asSocketException((IOException) e);
        }
        if (e instanceof IOException) {
            IOException io = (IOException) e;
            return !(io instanceof SocketException) && isConnectionFailure(io, channel) ? asSocketException(io) : io;
        }
        return new IOException("Data transfer failed", e);
    }

    private static boolean isConnectionFailure(IOException e, SocketChannel channel) {
        return !channel.isOpen() || e.getMessage() != null
                && (e.getMessage().contains("Broken pipe") || e.getMessage().contains("Connection reset"));
    }

    static SocketException asSocketException(IOException e) {
        SocketException socket = new SocketException("Data connection closed: " + e.getMessage());
        socket.initCause(e);
        return socket;
    }
}

package io.github.anonftp.transfer;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.ftplet.DataType;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.usermanager.impl.TransferRateRequest;
import org.apache.mina.core.session.IoSession;

import io.github.anonftp.anonymous.GuestUser;

/**
 * One opened data connection. Binary downloads of regular files go from the file's channel to the
 * socket's with {@code FileChannel.transferTo} (the kernel's {@code sendfile(2)}: no copy through the JVM);
 * everything else (ASCII with FtpServer's line-end conversion, TLS, MODE Z, streams that are not files)
 * is copied through one 256 KiB buffer. Every transfer is paced by its {@link Bandwidth} grant; uploads
 * always go through the file's own output stream (the drop box's checks live there).
 *
 * <p>As FtpServer's {@code IODataConnection}: the byte count is of file bytes (before line-end
 * conversion), the control session's MINA byte statistics and last-access time advance as data moves
 * (which also keeps an idle control connection from timing out during a long transfer), a failure of the
 * connection is a {@link SocketException} (the command answers {@code 426}), of the file another
 * {@code IOException} ({@code 551}), and the socket is closed when the transfer ends.
 */
final class ChannelDataConnection implements DataConnection {

    /** The sockets of an opened connection. */
    record Connection(SocketChannel channel, Socket socket, boolean tls, boolean zip) {
    }

    private static final int BUFFER = 256 * 1024;
    private static final long SENDFILE_CHUNK = 8L << 20;
    private static final byte[] EOL = System.lineSeparator().getBytes(StandardCharsets.US_ASCII);

    private final ChannelDataConnectionFactory factory;
    private final IoSession control;
    private final Connection connection;
    private final Bandwidth bandwidth;
    private final TransferStatistics statistics;
    private long moved; // file bytes so far, for the record of a transfer that fails

    ChannelDataConnection(ChannelDataConnectionFactory factory, IoSession control, Connection connection,
            Bandwidth bandwidth) {
        this.factory = factory;
        this.control = control;
        this.connection = connection;
        this.bandwidth = bandwidth;
        this.statistics = new TransferStatistics(control);
        factory.started();
    }

    @Override
    public long transferToClient(FtpSession session, InputStream in) throws IOException {
        User user = session.getUser();
        try (Bandwidth.Grant grant = bandwidth.open(false, clientAddress(), userRate(user, false),
                clientRate(user, false))) {
            boolean ascii = session.getDataType() == DataType.ASCII;
            if (!ascii && !connection.tls() && !connection.zip() && in instanceof FileInputStream) {
                return sendFile(((FileInputStream) in).getChannel(), grant.pacer());
            }
            OutputStream out = connection.socket().getOutputStream();
            if (connection.zip()) {
                out = new DeflaterOutputStream(out, true);
            }
            return copyToClient(in, out, ascii, grant.pacer());
        } catch (IOException | RuntimeException e) {
            throw TransferErrors.asSeenByTheCommand(e, connection.channel());
        } finally {
            finish();
        }
    }

    private long sendFile(FileChannel file, Pacer pacer) throws IOException {
        SocketChannel out = connection.channel();
        long start = file.position();
        long position = start;
        while (true) {
            long allowed = pacer.acquire(SENDFILE_CHUNK);
            long sent = file.transferTo(position, allowed, out);
            if (sent == 0) {
                if (position >= file.size()) {
                    break; // end of file, also when it shrank below what was sent
                }
                sent = copyOnce(file, position, allowed, out);
                if (sent < 0) {
                    break;
                }
            }
            position += sent;
            moved += sent;
            statistics.written(sent);
        }
        return position - start;
    }

    /** One plain read and write, for the rare case transferTo moves nothing before the end of file. */
    private static long copyOnce(FileChannel file, long position, long max, SocketChannel out) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(max, BUFFER));
        int read = file.read(buffer, position);
        if (read <= 0) {
            return -1;
        }
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        return read;
    }

    private long copyToClient(InputStream in, OutputStream out, boolean ascii, Pacer pacer) throws IOException {
        byte[] buffer = new byte[BUFFER];
        byte[] converted = ascii ? new byte[BUFFER * 2] : null;
        long total = 0;
        byte last = 0;
        while (true) {
            int wanted = (int) pacer.acquire(BUFFER);
            int read = in.read(buffer, 0, wanted);
            if (read < 0) {
                break;
            }
            if (ascii) {
                int length = 0;
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b == '\n' && last != '\r') {
                        converted[length++] = '\r';
                    }
                    converted[length++] = b;
                    last = b;
                }
                out.write(converted, 0, length);
            } else {
                out.write(buffer, 0, read);
            }
            total += read;
            moved += read;
            statistics.written(read);
        }
        out.flush();
        if (out instanceof DeflaterOutputStream) {
            ((DeflaterOutputStream) out).finish();
        }
        return total;
    }

    @Override
    public long transferFromClient(FtpSession session, OutputStream out) throws IOException {
        User user = session.getUser();
        try (Bandwidth.Grant grant = bandwidth.open(true, clientAddress(), userRate(user, true),
                clientRate(user, true))) {
            // The socket's stream, not the channel: reads honour the data idle time (SO_TIMEOUT) this way.
            InputStream in = connection.socket().getInputStream();
            if (connection.zip()) {
                in = new InflaterInputStream(in);
            }
            return copyFromClient(in, out, session.getDataType() == DataType.ASCII, grant.pacer());
        } catch (IOException | RuntimeException e) {
            throw TransferErrors.asSeenByTheCommand(e, connection.channel());
        } finally {
            finish();
        }
    }

    private long copyFromClient(InputStream in, OutputStream out, boolean ascii, Pacer pacer) throws IOException {
        byte[] buffer = new byte[BUFFER];
        byte[] converted = ascii ? new byte[BUFFER * EOL.length] : null;
        long total = 0;
        byte last = 0;
        while (true) {
            int wanted = (int) pacer.acquire(BUFFER);
            int read = readFromClient(in, buffer, wanted);
            if (read < 0) {
                break;
            }
            statistics.read(read);
            if (ascii) {
                // FtpServer's rule: CRLF, CR and LF all become the local line end.
                int length = 0;
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b == '\n' ? last != '\r' : b == '\r') {
                        System.arraycopy(EOL, 0, converted, length, EOL.length);
                        length += EOL.length;
                    } else if (b != '\n') {
                        converted[length++] = b;
                    }
                    last = b;
                }
                out.write(converted, 0, length);
            } else {
                out.write(buffer, 0, read);
            }
            total += read;
            moved += read;
        }
        return total;
    }

    /** A read from the socket; its failures are connection failures (426), the file's are not (551). */
    private static int readFromClient(InputStream in, byte[] buffer, int length) throws SocketException {
        try {
            return in.read(buffer, 0, length);
        } catch (SocketException e) {
            throw e;
        } catch (IOException e) {
            throw TransferErrors.asSocketException(e);
        }
    }

    @Override
    public void transferToClient(FtpSession session, String text) throws IOException {
        try {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            OutputStream out = connection.tls() || connection.zip() ? connection.socket().getOutputStream() : null;
            if (out == null) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    connection.channel().write(buffer);
                }
            } else {
                if (connection.zip()) {
                    out = new DeflaterOutputStream(out, true);
                }
                out.write(bytes);
                out.flush();
                if (out instanceof DeflaterOutputStream) {
                    ((DeflaterOutputStream) out).finish();
                }
            }
            statistics.written(bytes.length);
        } catch (IOException | RuntimeException e) {
            throw TransferErrors.asSeenByTheCommand(e, connection.channel());
        } finally {
            finish();
        }
    }

    private InetAddress clientAddress() {
        return control.getRemoteAddress() instanceof InetSocketAddress
                ? ((InetSocketAddress) control.getRemoteAddress()).getAddress() : null;
    }

    /** The user's own per-transfer rate, asked as FtpServer asks it ({@code TransferRatePermission}). */
    private static long userRate(User user, boolean upload) {
        if (user == null) {
            return 0;
        }
        TransferRateRequest request = (TransferRateRequest) user.authorize(new TransferRateRequest());
        if (request == null) {
            return 0;
        }
        return Math.max(0, upload ? request.getMaxUploadRate() : request.getMaxDownloadRate());
    }

    private static long clientRate(User user, boolean upload) {
        if (!(user instanceof GuestUser)) {
            return 0;
        }
        GuestUser guest = (GuestUser) user;
        return upload ? guest.config().maxUploadRatePerClient() : guest.config().maxDownloadRatePerClient();
    }

    private void finish() {
        control.setAttribute(ChannelDataConnectionFactory.TRANSFERRED_ATTRIBUTE, moved);
        statistics.flush();
        factory.ended(connection.channel());
    }
}

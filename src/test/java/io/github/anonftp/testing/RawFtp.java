package io.github.anonftp.testing;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A raw control connection for tests that need the exact bytes: sends lines as given, reads whole
 * (multi-line) replies. Every read times out after 5 s.
 */
public final class RawFtp implements Closeable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawFtp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    public static RawFtp connect(String host, int port) throws IOException {
        return connect(host, port, null);
    }

    /** Connects from {@code source} (any 127.x.y.z works on Linux), or any local address when null. */
    public static RawFtp connect(String host, int port, String source) throws IOException {
        Socket socket = new Socket();
        if (source != null) {
            socket.bind(new InetSocketAddress(source, 0));
        }
        socket.connect(new InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(5000);
        return new RawFtp(socket);
    }

    /** Closes with a TCP reset instead of an orderly close. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Sends {@code line} followed by CRLF and returns the reply. */
    public String command(String line) throws IOException {
        send(line + "\r\n");
        return reply();
    }

    public void send(String raw) throws IOException {
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    public void sendBytes(byte[] raw) throws IOException {
        out.write(raw);
        out.flush();
    }

    /** Reads one reply, all its lines, each ending in CRLF; "" at end of stream. */
    public String reply() throws IOException {
        StringBuilder reply = new StringBuilder();
        String first = line();
        if (first == null) {
            return "";
        }
        reply.append(first).append("\r\n");
        if (first.length() >= 4 && first.charAt(3) == '-') {
            String end = first.substring(0, 3) + " ";
            String next;
            do {
                next = line();
                if (next == null) {
                    break;
                }
                reply.append(next).append("\r\n");
            } while (!next.startsWith(end));
        }
        return reply.toString();
    }

    /** True when the server closed the connection (reads end of stream, or a reset). */
    public boolean isClosedByServer() {
        try {
            return in.read() == -1;
        } catch (IOException e) {
            return true;
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] raw = bytes.toByteArray();
                int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
                return new String(raw, 0, length, StandardCharsets.UTF_8);
            }
            bytes.write(b);
        }
        return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

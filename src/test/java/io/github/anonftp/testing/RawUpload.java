package io.github.anonftp.testing;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One guest upload over a raw control connection and a passive data connection, so a test controls every step:
 * the bytes sent, a clean end, an ABOR, a TCP reset, and reads each reply as the server wrote it.
 */
public final class RawUpload implements Closeable {

    private final RawFtp control;
    private final String source;
    private Socket data;
    private OutputStream out;
    private String startReply;

    private RawUpload(RawFtp control, String source) {
        this.control = control;
        this.source = source;
    }

    /** Connects from {@code source} (null: any), logs in as a guest and sends STOR {@code path}. */
    public static RawUpload start(int port, String source, String path) throws IOException {
        RawUpload upload = new RawUpload(RawFtp.connect("127.0.0.1", port, source), source);
        try {
            upload.login();
            upload.store(path);
            return upload;
        } catch (IOException | RuntimeException e) {
            upload.close();
            throw e;
        }
    }

    /** Logs in as a guest and sends STOU {@code directory} (a unique name there). */
    public static RawUpload startUnique(int port, String directory) throws IOException {
        RawUpload upload = new RawUpload(RawFtp.connect("127.0.0.1", port, null), null);
        try {
            upload.login();
            upload.transfer("STOU " + directory);
            return upload;
        } catch (IOException | RuntimeException e) {
            upload.close();
            throw e;
        }
    }

    public static RawUpload start(int port, String path) throws IOException {
        return start(port, null, path);
    }

    private void login() throws IOException {
        expect(control.reply(), "220");
        expect(control.command("USER anonymous"), "331");
        expect(control.command("PASS guest@example.org"), "230");
        expect(control.command("TYPE I"), "200");
    }

    private void store(String path) throws IOException {
        transfer("STOR " + path);
    }

    private void transfer(String command) throws IOException {
        String pasv = control.command("PASV");
        expect(pasv, "227");
        String[] numbers = pasv.substring(pasv.indexOf('(') + 1, pasv.indexOf(')')).split(",");
        int dataPort = Integer.parseInt(numbers[4].strip()) * 256 + Integer.parseInt(numbers[5].strip());
        control.send(command + "\r\n");
        startReply = control.reply();
        if (startReply.startsWith("150")) {
            data = new Socket();
            if (source != null) {
                data.bind(new InetSocketAddress(source, 0)); // the data connection comes from the client's address
            }
            data.connect(new InetSocketAddress("127.0.0.1", dataPort), 5000);
            data.setSoTimeout(5000);
            out = data.getOutputStream();
        }
    }

    private static void expect(String reply, String code) throws IOException {
        if (!reply.startsWith(code)) {
            throw new IOException("expected " + code + " but the server said " + reply);
        }
    }

    /** The reply to STOR: {@code 150 ...} when the data connection opens, else the refusal. */
    public String startReply() {
        return startReply;
    }

    /** Sends {@code count} bytes of a repeating pattern; false once the server stopped taking them. */
    public boolean send(int count) {
        byte[] chunk = new byte[8192];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = (byte) ('a' + i % 26);
        }
        try {
            for (int sent = 0; sent < count; sent += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, count - sent));
            }
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Closes the data connection in order (the upload is complete) and returns the final reply. */
    public String finish() throws IOException {
        try {
            data.close();
        } catch (IOException e) {
            // the server may have closed it first
        }
        return control.reply();
    }

    /** Sends ABOR while the data connection is open; returns the two replies (the STOR's, then the ABOR's). */
    public String abort() throws IOException {
        control.send("ABOR\r\n");
        String first = control.reply();
        String second = control.reply();
        data.close();
        return first + second;
    }

    /** Resets the data connection (a client crash) and returns the final reply. */
    public String reset() throws IOException {
        data.setSoLinger(true, 0);
        data.close();
        return control.reply();
    }

    /** The final reply of an upload the server stopped while the client was sending. */
    public String stoppedReply() throws IOException {
        String reply = control.reply();
        data.close();
        return reply;
    }

    public String command(String line) throws IOException {
        return control.command(line);
    }

    @Override
    public void close() throws IOException {
        if (data != null) {
            data.close();
        }
        control.close();
    }
}

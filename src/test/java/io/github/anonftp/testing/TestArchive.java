package io.github.anonftp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;

import io.github.anonftp.anonymous.AnonymousConfig;

/** A small archive tree and clients for tests. */
public final class TestArchive {

    public static final String README = "Welcome to the test archive.\n";
    public static final byte[] DATA = data(1024);

    private TestArchive() {
    }

    /** Fills {@code root} with pub/README.txt, pub/data.bin (1 KiB), pub/sub/nested.txt; returns root. */
    public static Path create(Path root) {
        try {
            Files.createDirectories(root.resolve("pub/sub"));
            Files.writeString(root.resolve("pub/README.txt"), README, StandardCharsets.UTF_8);
            Files.write(root.resolve("pub/data.bin"), DATA);
            Files.writeString(root.resolve("pub/sub/nested.txt"), "nested\n", StandardCharsets.UTF_8);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A guest configuration for {@code root} (which gets the archive tree). */
    public static AnonymousConfig.Builder guests(Path root) {
        return AnonymousConfig.builder().homeDirectory(create(root));
    }

    /** A connected commons-net client with 5 s timeouts, passive mode, binary type not yet set. */
    public static FTPClient connect(int port) throws IOException {
        FTPClient client = new FTPClient();
        client.setConnectTimeout(5000);
        client.setDefaultTimeout(5000);
        client.setDataTimeout(Duration.ofSeconds(5));
        client.connect("127.0.0.1", port);
        client.setSoTimeout(5000);
        client.enterLocalPassiveMode();
        return client;
    }

    /** A client logged in as anonymous, in binary mode. */
    public static FTPClient guest(int port) throws IOException {
        FTPClient client = connect(port);
        if (!client.login("anonymous", "tester@example.org")) {
            throw new IOException("guest login failed: " + client.getReplyString());
        }
        client.setFileType(FTP.BINARY_FILE_TYPE);
        return client;
    }

    public static void quietly(FTPClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
        } catch (IOException e) {
            // closing a test client
        }
    }

    private static byte[] data(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }
}

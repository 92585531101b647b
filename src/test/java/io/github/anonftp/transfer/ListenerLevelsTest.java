package io.github.anonftp.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.AnonymousFileSystemFactory;
import io.github.anonftp.anonymous.AnonymousUserManager;
import io.github.anonftp.ftpserver.AnonFtplet;
import io.github.anonftp.ftpserver.ClientSessionFilter;
import io.github.anonftp.testing.ExternalProgram;
import io.github.anonftp.testing.TestArchive;

/**
 * The data path on FtpServer's own listener (level 1: FtpServer's {@code IODataConnection}, unchanged) and
 * on anonftp's (level 2) with TLS data connections (PROT P), which go through the buffered copy rather
 * than sendfile: the same bytes either way.
 */
@Timeout(60)
class ListenerLevelsTest {

    static final String PASSWORD = "changeit";
    @TempDir
    static Path keys;
    static Path keystore;

    @TempDir
    Path root;
    @TempDir
    Path uploads;
    FtpServer server;
    int port;

    @BeforeAll
    static void makeKeystore() throws Exception {
        keystore = keys.resolve("server.p12");
        ExternalProgram.Result made = ExternalProgram.run(keys, "", "keytool", "-genkeypair", "-alias", "anonftp",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        assertThat(made.exitCode()).as(made.output()).isZero();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    void start(boolean levelTwo, boolean tls) throws Exception {
        TestArchive.create(root);
        AnonymousConfig guests = TestArchive.guests(root).uploadDirectory(uploads).build();
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setPassivePorts("31000-31099");
        if (tls) {
            SslConfigurationFactory ssl = new SslConfigurationFactory();
            ssl.setKeystoreFile(keystore.toFile());
            ssl.setKeystorePassword(PASSWORD);
            ssl.setKeystoreType("PKCS12");
            listener.setSslConfiguration(ssl.createSslConfiguration());
            listener.setImplicitSsl(false);
        }
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        if (levelTwo) {
            listener.setSessionFilter(new ClientSessionFilter());
        }
        factory.addListener("default", listener.createListener());
        factory.setUserManager(new AnonymousUserManager(guests));
        factory.setFileSystem(new AnonymousFileSystemFactory());
        Map<String, Ftplet> ftplets = new LinkedHashMap<>();
        ftplets.put("anonftp", AnonFtplet.builder().build());
        factory.setFtplets(ftplets);
        server = factory.createServer();
        server.start();
        port = factory.getListener("default").getPort();
    }

    static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 7 + (i >> 11));
        }
        return bytes;
    }

    void exchange(FTPClient client) throws IOException {
        byte[] data = pattern(3 << 20);
        Files.write(root.resolve("pub/big.bin"), data);
        Files.writeString(root.resolve("pub/lines.txt"), "a\nb\n", StandardCharsets.US_ASCII);
        client.setFileType(FTP.BINARY_FILE_TYPE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(client.retrieveFile("/pub/big.bin", out)).as(client.getReplyString()).isTrue();
        assertThat(out.toByteArray()).isEqualTo(data);
        client.setRestartOffset(12345);
        out.reset();
        assertThat(client.retrieveFile("/pub/big.bin", out)).isTrue();
        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOfRange(data, 12345, data.length));
        assertThat(client.storeFile("/incoming/up.bin", new ByteArrayInputStream(data))).isTrue();
        assertThat(Files.readAllBytes(uploads.resolve("up.bin"))).isEqualTo(data);
        client.setFileType(FTP.ASCII_FILE_TYPE);
        out.reset();
        assertThat(client.retrieveFile("/pub/lines.txt", out)).isTrue();
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("a" + System.lineSeparator() + "b"
                + System.lineSeparator());
        assertThat(client.listNames("/pub")).contains("big.bin", "lines.txt");
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {1, 2})
    void plainTransfersAreExact(int level) throws Exception {
        start(level == 2, false);
        FTPClient client = TestArchive.guest(port);
        try {
            exchange(client);
        } finally {
            TestArchive.quietly(client);
        }
    }

    @ParameterizedTest(name = "level {0}")
    @ValueSource(ints = {1, 2})
    void tlsDataConnectionsAreExact(int level) throws Exception {
        start(level == 2, true);
        FTPSClient client = new FTPSClient("TLS", false);
        client.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        client.setConnectTimeout(5000);
        client.setDefaultTimeout(5000);
        client.setDataTimeout(Duration.ofSeconds(5));
        try {
            client.connect("127.0.0.1", port);
            client.setSoTimeout(5000);
            client.execPBSZ(0);
            client.execPROT("P");
            client.enterLocalPassiveMode();
            assertThat(client.login("anonymous", "tester@example.org")).isTrue();
            exchange(client);
        } finally {
            TestArchive.quietly(client);
        }
    }

    @Test
    void levelTwoKeepsFtpServersRefusalWithoutPasvOrPort() throws Exception {
        start(true, false);
        FTPClient client = TestArchive.guest(port);
        try {
            // only anonftp's data connections answer an ABOR sent while a transfer is blocked (AbortTest);
            // here: its factory keeps FtpServer's refusal of a transfer without PASV or PORT
            assertThat(client.sendCommand("RETR", "/pub/data.bin")).isEqualTo(503);
            assertThat(client.getReplyString()).isEqualTo("503 PORT or PASV must be issued first\r\n");
        } finally {
            TestArchive.quietly(client);
        }
    }
}

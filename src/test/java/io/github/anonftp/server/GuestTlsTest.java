package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.AnonymousTls;
import io.github.anonftp.testing.ExternalProgram;
import io.github.anonftp.testing.ExternalProgram.Result;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;
import io.github.anonftp.testing.TestKeystore;

/**
 * FTPS for guests (RFC 4217 explicit {@code AUTH TLS}) with a certificate made here by {@code keytool}, driven by
 * Python's {@code ftplib.FTP_TLS}, {@code curl --ssl-reqd} and {@code lftp} with {@code ftp:ssl-force}.
 */
@Timeout(120)
class GuestTlsTest {

    @TempDir
    static Path keys;
    static Path keystore;
    static Path passwordFile;

    @TempDir
    Path root;
    @TempDir
    Path work;
    AnonFtpServer server;
    Path accessLog;

    @BeforeAll
    static void makeKeystore() throws Exception {
        keystore = TestKeystore.create(keys.resolve("server.p12"));
        passwordFile = TestKeystore.passwordFile(keys.resolve("keystore.password"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private int start(AnonymousTls tls) throws Exception {
        accessLog = work.resolve("access.jsonl");
        server = AnonFtpServer.builder().tlsKeystore(keystore).tlsKeystorePasswordFile(passwordFile)
                .anonymous(TestArchive.guests(root).tls(tls).build())
                .accessLog(AccessLogConfig.builder().destination(accessLog).build()).build().start();
        return server.port();
    }

    private List<String> records() throws Exception {
        server.stop();
        return Files.readAllLines(accessLog, StandardCharsets.UTF_8);
    }

    private Result python(String... lines) throws Exception {
        return ExternalProgram.run(work, String.join("\n", lines) + "\n", "python3", "-");
    }

    @Test
    void aPlainGuestLoginIsRefusedWhenTlsIsRequired() throws Exception {
        int port = start(AnonymousTls.REQUIRED);
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
            ftp.reply();
            assertThat(ftp.command("USER anonymous"))
                    .isEqualTo("530 Anonymous sessions must use encryption (AUTH TLS).\r\n");
            assertThat(ftp.command("USER ftp"))
                    .isEqualTo("530 Anonymous sessions must use encryption (AUTH TLS).\r\n");
            assertThat(ftp.command("NOOP")).startsWith("530 "); // still connected, still not logged in
        }
        assertThat(records()).anyMatch(line -> line.contains("\"outcome\":\"refused\"")
                && line.contains("\"reason\":\"tls-required\"") && line.contains("\"tls\":false"));
    }

    @Test
    void pythonFtpTlsLogsInListsAndDownloadsWithProtP() throws Exception {
        int port = start(AnonymousTls.REQUIRED);
        Result result = python("import ftplib, ssl",
                "ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE",
                "ftp = ftplib.FTP_TLS(context=ctx, timeout=20); ftp.connect('127.0.0.1', " + port + ")",
                "print(ftp.login('anonymous', 'jane@example.org').splitlines()[-1])",
                "print(ftp.prot_p())",
                "print(sorted(ftp.nlst('/pub')))",
                "chunks = []; ftp.retrbinary('RETR /pub/README.txt', chunks.append)",
                "print(repr(b''.join(chunks).decode()))",
                "ftp.quit()");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("230 Guest login ok, access restrictions apply.\n"
                + "200 Command PROT okay.\n['README.txt', 'data.bin', 'sub']\n'Welcome to the test archive.\\n'\n");
        List<String> records = records();
        assertThat(records).anyMatch(line -> line.contains("\"event\":\"login\"") && line.contains("\"tls\":true"));
        assertThat(records).anyMatch(line -> line.contains("\"event\":\"transfer\"") && line.contains("\"tls\":true"));
    }

    @Test
    void aGuestTransferWithoutProtPGetsA521ThatSaysSo() throws Exception {
        int port = start(AnonymousTls.REQUIRED);
        Result result = python("import ftplib, ssl",
                "ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE",
                "ftp = ftplib.FTP_TLS(context=ctx, timeout=20); ftp.connect('127.0.0.1', " + port + ")",
                "ftp.login('anonymous', 'jane@example.org')",
                "for command in ('RETR /pub/README.txt', 'LIST /pub'):",
                "    try:",
                "        ftp.retrbinary(command, lambda data: None)",
                "    except ftplib.error_perm as e:",
                "        print(e)",
                "ftp.quit()");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("521 Data connections must be encrypted: send PROT P first.\n"
                .repeat(2));
    }

    @Test
    void curlWithSslReqdDownloads() throws Exception {
        int port = start(AnonymousTls.REQUIRED);
        Result result = ExternalProgram.run(work, "", "curl", "-sS", "--max-time", "20", "--ssl-reqd", "-k",
                "-o", "got.txt", "ftp://127.0.0.1:" + port + "/pub/README.txt");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(Files.readString(work.resolve("got.txt"))).isEqualTo(TestArchive.README);
    }

    @Test
    void aJksKeystoreServesToo() throws Exception {
        Path jks = TestKeystore.create(work.resolve("server.jks"), "JKS");
        server = AnonFtpServer.builder().tlsKeystore(jks).tlsKeystorePasswordFile(passwordFile)
                .anonymous(TestArchive.guests(root).tls(AnonymousTls.REQUIRED).build()).build().start();
        Result result = ExternalProgram.run(work, "", "curl", "-sS", "--max-time", "20", "--ssl-reqd", "-k",
                "ftp://127.0.0.1:" + server.port() + "/pub/README.txt");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo(TestArchive.README);
    }

    @Test
    void lftpWithSslForceListsAndDownloads() throws Exception {
        int port = start(AnonymousTls.REQUIRED);
        Result result = ExternalProgram.run(work, "", "lftp", "-e", "set net:max-retries 1; set net:timeout 10;"
                        // lftp keeps anonymous logins in clear unless ftp:ssl-allow-anonymous is set too
                        + " set ftp:ssl-force true; set ftp:ssl-allow-anonymous true; set ftp:ssl-protect-data true;"
                        + " set ssl:verify-certificate no;"
                        + " cls -1 /pub; get /pub/README.txt -o got.txt; bye",
                "ftp://127.0.0.1:" + port);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("/pub/README.txt", "/pub/data.bin");
        assertThat(Files.readString(work.resolve("got.txt"))).isEqualTo(TestArchive.README);
    }

    @Test
    void withOptionalTlsPlainGuestsStillLogInAndTheLogSaysSo() throws Exception {
        int port = start(AnonymousTls.OPTIONAL);
        Result result = python("import ftplib",
                "ftp = ftplib.FTP(timeout=20); ftp.connect('127.0.0.1', " + port + ")",
                "ftp.login('anonymous', 'jane@example.org'); print(sorted(ftp.nlst('/pub'))); ftp.quit()");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("['README.txt', 'data.bin', 'sub']\n");
        assertThat(records()).anyMatch(line -> line.contains("\"event\":\"login\"") && line.contains("\"tls\":false"));
    }

    @Test
    void tlsMistakesFailAtStartUpNamingTheSetting() throws Exception {
        Path wrong = Files.writeString(work.resolve("wrong.password"), "not-the-password\n");
        assertThatThrownBy(() -> AnonFtpServer.builder().tlsKeystore(keystore).tlsKeystorePasswordFile(wrong)
                .anonymous(TestArchive.guests(root).build()).build())
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("server.tlsKeystorePasswordFile: the password does not open \"" + keystore
                        + "\"; expected the keystore's password");
        Path missing = work.resolve("missing.p12");
        assertThatThrownBy(() -> AnonFtpServer.builder().tlsKeystore(missing).tlsKeystorePasswordFile(passwordFile)
                .anonymous(TestArchive.guests(root).build()).build())
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("server.tlsKeystore: \"" + missing + "\" is not a readable file; expected a readable"
                        + " PKCS12 or JKS keystore holding the server's private key and certificate");
        AnonymousConfig required = TestArchive.guests(root).tls(AnonymousTls.REQUIRED).build();
        assertThatThrownBy(() -> AnonFtpServer.builder().anonymous(required).build())
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("anonymous.tls: \"REQUIRED\" is not valid; expected OPTIONAL without TLS; set"
                        + " server.tlsKeystore and server.tlsKeystorePasswordFile for REQUIRED");
    }
}

package io.github.anonftp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.testing.ExternalProgram;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestKeystore;

/** {@code config-samples/ftps-archive.xml}: guests over FTPS only, two access logs, a login message file. */
@Timeout(60)
class FtpsArchiveXmlTest {

    @TempDir
    Path home;

    @Test
    void guestsMustEncryptAndTheLogsSaySo() throws Exception {
        try (XmlSample sample = XmlSample.copy("ftps-archive.xml", home)) {
            TestKeystore.create(home.resolve("res/conf/ftpserver.p12"));
            TestKeystore.passwordFile(home.resolve("res/conf/keystore.password"));
            Files.writeString(home.resolve("res/conf/welcome.txt"), "Encrypted archive.\n");
            int port = sample.start();
            try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
                ftp.reply();
                assertThat(ftp.command("USER anonymous"))
                        .isEqualTo("530 Anonymous sessions must use encryption (AUTH TLS).\r\n");
            }
            ExternalProgram.Result result = ExternalProgram.run(home, String.join("\n", "import ftplib, ssl",
                    "ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE",
                    "ftp = ftplib.FTP_TLS(context=ctx, timeout=20); ftp.connect('127.0.0.1', " + port + ")",
                    "print(ftp.login('anonymous', 'jane@example.org'))", "ftp.prot_p()",
                    "data = []; ftp.retrbinary('RETR /pub/README.txt', data.append); print(len(b''.join(data)))",
                    "ftp.quit()", ""), "python3", "-");
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).isEqualTo("230-Encrypted archive.\n230 Guest login ok, access restrictions"
                    + " apply.\n29\n");
        }
        List<String> records = Files.readAllLines(home.resolve("res/log/anonftp-access.jsonl"));
        assertThat(records).anyMatch(line -> line.contains("\"reason\":\"tls-required\""))
                .anyMatch(line -> line.contains("\"event\":\"transfer\"") && line.contains("\"tls\":true"));
        assertThat(Files.readAllLines(home.resolve("res/log/xferlog"))).hasSize(1)
                .allMatch(line -> line.contains("/pub/README.txt"));
    }
}

package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.email.EmailPolicyConfig;
import io.github.anonftp.email.Strictness;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.JsonRecords;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/** What a real session writes to the access log: exactly the expected records, parsed back. */
@Timeout(60)
class AccessLogServerTest {

    @TempDir
    Path root;
    @TempDir
    Path uploads;
    InMemoryAccessLogWriter written = new InMemoryAccessLogWriter();

    /** Runs {@code session} against a fresh server and returns every line written, after a clean stop. */
    List<String> lines(UnaryOperator<AccessLogConfig.Builder> log, UnaryOperator<AnonFtpServer.Builder> site,
            Session session) throws Exception {
        AccessLogConfig config = log.apply(AccessLogConfig.builder()).build();
        AccessLogFormat format = config.format() == RecordFormat.JSON ? new JsonLinesFormat(config.maxFieldLength())
                : new XferlogFormat(config.maxFieldLength(), config.xferlogZone());
        AnonFtpServer server = site.apply(AnonFtpServer.builder()
                .anonymous(TestArchive.guests(root).uploadDirectory(uploads).build())
                .accessLog(config)
                .accessLog(new AccessLog(format, Privacy.of(config)::apply, written, 1024)))
                .build().start();
        try {
            session.run(server.port());
        } finally {
            server.stop();
        }
        return written.lines();
    }

    List<String> lines(Session session) throws Exception {
        return lines(c -> c, s -> s, session);
    }

    interface Session {
        void run(int port) throws Exception;
    }

    static void guestSession(int port, String password, Client work) throws Exception {
        FTPClient client = TestArchive.connect(port);
        try {
            client.login("anonymous", password);
            work.run(client);
            client.logout();
        } finally {
            TestArchive.quietly(client);
        }
    }

    interface Client {
        void run(FTPClient client) throws Exception;
    }

    static Map<String, Object> only(List<String> lines, String event) {
        List<Map<String, Object>> records = JsonRecords.events(lines, event);
        assertThat(records).as(event + " records in " + lines).hasSize(1);
        return records.get(0);
    }

    @Test
    void aGuestLoginIsOneRecordWithTheSuppliedAddressAndTheVerdict() throws Exception {
        List<String> lines = lines(port -> guestSession(port, "jane.doe@example.org", client -> { }));
        Map<String, Object> login = only(lines, "login");
        assertThat(login).containsEntry("v", 1L).containsEntry("event", "login").containsEntry("ip", "127.0.0.1")
                .containsEntry("outcome", "ok").containsEntry("user", "anonymous").containsEntry("account", "anonymous")
                .containsEntry("email", "jane.doe@example.org").containsEntry("verdict", "accept")
                .containsEntry("reason", "ok").containsEntry("reply", 230L);
        assertThat((String) login.get("ts")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat((Long) login.get("port")).isPositive();
        assertThat(List.copyOf(login.keySet())).containsExactly("v", "ts", "event", "session", "ip", "port",
                "outcome", "user", "account", "email", "verdict", "reason", "reply", "tls");
        assertThat(login).containsEntry("tls", false);
        Map<String, Object> logout = only(lines, "logout");
        assertThat(logout.get("session")).isEqualTo(login.get("session"));
        assertThat(logout).containsEntry("email", "jane.doe@example.org").containsEntry("account", "anonymous");
    }

    @Test
    void aRefusedLoginRecordsTheRefusedAddressAndWhy() throws Exception {
        List<String> lines = lines(port -> {
            try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
                ftp.reply();
                ftp.command("USER ftp");
                ftp.command("PASS guest");
            }
        });
        assertThat(only(lines, "login")).containsEntry("outcome", "refused").containsEntry("user", "ftp")
                .containsEntry("email", "guest").containsEntry("verdict", "reject")
                .containsEntry("reason", "no-at-sign").containsEntry("reply", 530L);
        assertThat(JsonRecords.events(lines, "logout")).isEmpty();
    }

    @Test
    void aDownloadAndADropBoxUploadAreTransferRecords() throws Exception {
        List<String> lines = lines(port -> guestSession(port, "jane@example.org", client -> {
            client.setFileType(FTPClient.BINARY_FILE_TYPE);
            client.enterLocalPassiveMode();
            assertThat(client.retrieveFile("/pub/data.bin", new ByteArrayOutputStream())).isTrue();
            assertThat(client.storeFile("/incoming/report.txt", new ByteArrayInputStream(new byte[321]))).isTrue();
            assertThat(client.retrieveFile("/incoming/report.txt", new ByteArrayOutputStream())).isFalse();
        }));
        List<Map<String, Object>> transfers = JsonRecords.events(lines, "transfer");
        assertThat(transfers).hasSize(2);
        assertThat(transfers.get(0)).containsEntry("direction", "download").containsEntry("path", "/pub/data.bin")
                .containsEntry("bytes", 1024L).containsEntry("type", "b").containsEntry("status", "complete")
                .containsEntry("account", "anonymous").containsEntry("email", "jane@example.org");
        assertThat(transfers.get(1)).containsEntry("direction", "upload").containsEntry("path", "/incoming/report.txt")
                .containsEntry("bytes", 321L).containsEntry("status", "complete");
        assertThat(only(lines, "denied")).containsEntry("command", "RETR").containsEntry("path", "/incoming/report.txt")
                .containsEntry("reply", 550L);
        assertThat(only(lines, "logout")).containsEntry("bytes_in", 321L).containsEntry("bytes_out", 1024L)
                .containsEntry("files_in", 1L).containsEntry("files_out", 1L);
    }

    @Test
    void aLimitRefusalIsARefusedRecord() throws Exception {
        List<String> lines = lines(c -> c, s -> s.rateLimit(RateLimitConfig.builder().maxSessionsPerClient(1).build()),
                port -> {
                    try (RawFtp first = RawFtp.connect("127.0.0.1", port, "127.0.0.7")) {
                        assertThat(first.reply()).startsWith("220 "); // admitted before the second one connects
                        try (RawFtp second = RawFtp.connect("127.0.0.1", port, "127.0.0.7")) {
                            assertThat(second.reply()).startsWith("421 ");
                        }
                    }
                });
        assertThat(only(lines, "refused")).containsEntry("ip", "127.0.0.7").containsEntry("reason", "too-many-sessions")
                .containsEntry("dry_run", false);
    }

    @Test
    void aBanIsRecordedWithItsKeyAndStrike() throws Exception {
        List<String> lines = lines(c -> c, s -> s.rateLimit(RateLimitConfig.builder().maxLoginFailures(1).build()),
                port -> {
                    try (RawFtp ftp = RawFtp.connect("127.0.0.1", port, "127.0.0.8")) {
                        ftp.reply();
                        ftp.command("USER anonymous");
                        ftp.command("PASS nope");
                        assertThat(ftp.reply()).startsWith("421 ");
                    }
                });
        assertThat(only(lines, "ban")).containsEntry("key", "127.0.0.8").containsEntry("strike", 1L)
                .containsEntry("reason", "login-failures");
    }

    @Test
    void hostilePasswordsGiveOneValidRecordEach() throws Exception {
        String[] passwords = {"a\"b@example.org", "back\\slash@example.org", "cr\rinside@example.org",
            "nul\u0000@example.org", "\u001b[31mred\u001b[0m@example.org", "x".repeat(300) + "@example.org",
            "line\u2028sep@example.org"};
        List<String> lines = lines(c -> c, s -> s.emailPolicy(EmailPolicyConfig.builder()
                .strictness(Strictness.OFF).build()).rateLimit(RateLimitConfig.builder().maxSessionsPerClient(0)
                .build()), port -> {
                    for (String password : passwords) {
                        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
                            ftp.reply();
                            ftp.command("USER anonymous");
                            assertThat(ftp.command("PASS " + password)).startsWith("230 ");
                        }
                    }
                });
        List<String> expected = new java.util.ArrayList<>();
        for (String password : passwords) {
            expected.add(password.length() > 256
                    ? password.substring(0, 256) + "…[+" + (password.length() - 256) + "]" : password);
        }
        // Sessions follow each other, but each login record is written after its 230 was sent: any order.
        assertThat(JsonRecords.events(lines, "login")).extracting(login -> (String) login.get("email"))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("\n", "\r", "\u2028", "\u001b"));
    }

    @Test
    void aPasswordMadeToForgeXferlogColumnsStaysOneColumn() throws Exception {
        List<String> lines = lines(c -> c.format(RecordFormat.XFERLOG), s -> s.emailPolicy(EmailPolicyConfig.builder()
                .strictness(Strictness.OFF).build()), port -> guestSession(port, "joe smith c ftp 1 * i@example.org",
                        client -> {
                            client.enterLocalPassiveMode();
                            client.retrieveFile("/pub/README.txt", new ByteArrayOutputStream());
                        }));
        assertThat(lines).hasSize(1);
        String[] columns = lines.get(0).split(" +");
        assertThat(columns).hasSize(18);
        assertThat(columns[13]).isEqualTo("joe_smith_c_ftp_1_*_i@example.org");
        assertThat(columns[8]).isEqualTo("/pub/README.txt");
        assertThat(columns[12]).isEqualTo("a");
        assertThat(columns[17]).isEqualTo("c");
    }

    @Test
    void withAddressAndIpPrivacyTheRawValuesAppearNowhere() throws Exception {
        List<String> lines = lines(c -> c.addressPrivacy(AddressPrivacy.MASK).ipPrivacy(IpPrivacy.TRUNCATE),
                s -> s, port -> guestSession(port, "jane.doe@example.org", client -> {
                    client.enterLocalPassiveMode();
                    client.retrieveFile("/pub/README.txt", new ByteArrayOutputStream());
                }));
        assertThat(only(lines, "login")).containsEntry("email", "j***@example.org").containsEntry("ip", "127.0.0.0");
        assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain("jane.doe", "127.0.0.1"));
    }

    @Test
    void hashedAddressesAreStableAndDroppedOnesAbsent() throws Exception {
        String secret = "a-site-secret-of-some-length";
        List<String> hashed = lines(c -> c.addressPrivacy(AddressPrivacy.HMAC).ipPrivacy(IpPrivacy.HMAC)
                .privacySecret(secret), s -> s, port -> {
                    guestSession(port, "jane@example.org", client -> { });
                    guestSession(port, "jane@example.org", client -> { });
                });
        List<Map<String, Object>> logins = JsonRecords.events(hashed, "login");
        assertThat(logins).hasSize(2);
        assertThat((String) logins.get(0).get("email")).matches("h:[A-Za-z0-9_-]{22}")
                .isEqualTo(logins.get(1).get("email"));
        assertThat((String) logins.get(0).get("ip")).matches("h:[A-Za-z0-9_-]{22}");
        written = new InMemoryAccessLogWriter();
        List<String> dropped = lines(c -> c.addressPrivacy(AddressPrivacy.DROP), s -> s,
                port -> guestSession(port, "jane@example.org", client -> { }));
        assertThat(only(dropped, "login")).doesNotContainKey("email");
        assertThat(dropped).allSatisfy(line -> assertThat(line).doesNotContain("jane"));
    }

    @Test
    void realUsersLoginsAreRecordedWithoutTheirPasswords() throws Exception {
        Path users = Files.writeString(uploads.resolveSibling(uploads.getFileName() + ".properties"),
                "ftpserver.user.alice.userpassword=wonderland\nftpserver.user.alice.homedirectory="
                        + root.toString().replace("\\", "/") + "\n");
        org.apache.ftpserver.usermanager.PropertiesUserManagerFactory site =
                new org.apache.ftpserver.usermanager.PropertiesUserManagerFactory();
        site.setFile(users.toFile());
        site.setPasswordEncryptor(new org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor());
        List<String> lines = lines(c -> c, s -> s.userManager(site.createUserManager()), port -> {
            FTPClient alice = TestArchive.connect(port);
            assertThat(alice.login("alice", "wrong-password")).isFalse();
            assertThat(alice.login("alice", "wonderland")).isTrue();
            TestArchive.quietly(alice);
        });
        List<Map<String, Object>> logins = JsonRecords.events(lines, "login");
        assertThat(logins).hasSize(2);
        assertThat(logins.get(0)).containsEntry("outcome", "failed").containsEntry("user", "alice")
                .doesNotContainKey("email");
        assertThat(logins.get(1)).containsEntry("outcome", "ok").containsEntry("account", "alice");
        assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("wonderland", "wrong-password"));
    }

    @Test
    void aPasswordOfInvalidUtf8IsOneRefusedRecord() throws Exception {
        List<String> lines = lines(port -> {
            try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
                ftp.reply();
                ftp.command("USER anonymous");
                ftp.sendBytes(new byte[] {'P', 'A', 'S', 'S', ' ', 'a', (byte) 0xff, '@', 'x', '.', 'o', 'r', 'g', '\r',
                    '\n'});
                assertThat(ftp.reply()).startsWith("530 ");
            }
        });
        assertThat(only(lines, "login")).containsEntry("outcome", "refused").containsEntry("email", "a\uFFFD@x.org")
                .containsEntry("reason", "invalid-utf8").containsEntry("verdict", "reject");
    }

    @Test
    void aWarnedLoginAndAPlaceholderAreRecordedAsSuch() throws Exception {
        List<String> lines = lines(c -> c, s -> s.emailPolicy(EmailPolicyConfig.builder()
                .enforcement(io.github.anonftp.email.Enforcement.WARN).build()), port -> {
                    guestSession(port, "not-an-address", client -> { });
                    guestSession(port, "-wget@", client -> { });
                });
        List<Map<String, Object>> logins = JsonRecords.events(lines, "login");
        assertThat(logins).hasSize(2);
        assertThat(logins.get(0)).containsEntry("outcome", "warned").containsEntry("verdict", "reject")
                .containsEntry("reason", "no-at-sign").containsEntry("email", "not-an-address");
        assertThat(logins.get(1)).containsEntry("outcome", "ok").containsEntry("verdict", "placeholder")
                .containsEntry("reason", "client-default:wget").containsEntry("email", "-wget@");
    }
}

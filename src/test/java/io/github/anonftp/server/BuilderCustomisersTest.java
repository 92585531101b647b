package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.ftpserver.FtpServerConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.accesslog.AccessLog;
import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.accesslog.AddressPrivacy;
import io.github.anonftp.accesslog.IpPrivacy;
import io.github.anonftp.email.EmailPolicyConfig;
import io.github.anonftp.email.Enforcement;
import io.github.anonftp.email.PlaceholderAction;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.testing.TestArchive;

/** The builder's customisers change what they name and keep what was set before; whole configs replace. */
@Timeout(30)
class BuilderCustomisersTest {

    @TempDir
    Path temp;

    @Test
    void aRateLimitCustomiserKeepsTheLimitsSetBefore() {
        try (AnonFtpServer server = AnonFtpServer.builder()
                .rateLimit(RateLimitConfig.builder().maxLoginFailures(4).build())
                .rateLimit(r -> r.maxSessionsPerClient(2))
                .build()) {
            RateLimitConfig limits = server.rateLimiter().config();
            assertThat(limits.maxSessionsPerClient()).isEqualTo(2);
            assertThat(limits.maxLoginFailures()).isEqualTo(4);
        }
    }

    @Test
    void aWholeRateLimitConfigurationReplacesEveryLimit() {
        try (AnonFtpServer server = AnonFtpServer.builder()
                .rateLimit(r -> r.maxLoginFailures(4))
                .rateLimit(RateLimitConfig.builder().maxSessionsPerClient(2).build())
                .build()) {
            assertThat(server.rateLimiter().config().maxLoginFailures()).isEqualTo(10);
        }
    }

    @Test
    void anEmailPolicyCustomiserKeepsThePolicySetBefore() throws Exception {
        try (AnonFtpServer server = AnonFtpServer.builder()
                .anonymous(TestArchive.guests(temp).build())
                .emailPolicy(EmailPolicyConfig.builder().placeholders(PlaceholderAction.REJECT).build())
                .emailPolicy(e -> e.enforcement(Enforcement.WARN))
                .build().start()) {
            FTPClient client = TestArchive.connect(server.port());
            // a placeholder is treated as rejected (kept), and a rejection only warns (changed)
            assertThat(client.login("anonymous", "IEUser@")).isTrue();
            assertThat(client.getReplyString()).startsWith("230-");
            TestArchive.quietly(client);
        }
    }

    @Test
    void anAccessLogCustomiserKeepsTheSettingsSetBeforeAndTheFactorySeesThem() {
        AtomicReference<AccessLogConfig> seen = new AtomicReference<>();
        try (AnonFtpServer server = AnonFtpServer.builder()
                .accessLog(AccessLogConfig.builder().ipPrivacy(IpPrivacy.TRUNCATE).build())
                .accessLog(a -> a.addressPrivacy(AddressPrivacy.MASK))
                .accessLogFactory(config -> {
                    seen.set(config);
                    return AccessLog.disabled();
                })
                .build()) {
            assertThat(seen.get().ipPrivacy()).isEqualTo(IpPrivacy.TRUNCATE);
            assertThat(seen.get().addressPrivacy()).isEqualTo(AddressPrivacy.MASK);
        }
    }

    @Test
    void aGuestCustomiserWithoutAConfigurationChangesTheTemporaryRootsGuests() {
        Path root;
        try (AnonFtpServer server = AnonFtpServer.builder().anonymous(a -> a.maxSessions(5)).build()) {
            root = server.root();
            assertThat(root).isDirectory();
            assertThat(server.anonymous().maxSessions()).isEqualTo(5);
        }
        assertThat(root).doesNotExist();
    }

    @Test
    void aGuestCustomiserAfterAConfigurationKeepsItsDirectories() throws Exception {
        Path home = Files.createDirectory(temp.resolve("home"));
        try (AnonFtpServer server = AnonFtpServer.builder()
                .anonymous(a -> a.maxSessions(5))
                .anonymous(TestArchive.guests(home).maxSessions(9).build())
                .anonymous(a -> a.loginMessage("Mirror of example.org"))
                .build()) {
            assertThat(server.root()).isEqualTo(home);
            assertThat(server.anonymous().maxSessions()).as("set by the configuration, after the first change")
                    .isEqualTo(9);
            assertThat(server.anonymous().loginMessage()).isEqualTo("Mirror of example.org");
        }
    }

    @Test
    void aCustomisersBadValueFailsNamingTheSetting() {
        assertThatThrownBy(() -> AnonFtpServer.builder().rateLimit(r -> r.maxSessionsPerClient(-1)))
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessageStartingWith("rateLimit.maxSessionsPerClient: -1 is out of range");
        assertThatThrownBy(() -> AnonFtpServer.builder().anonymous(a -> a.maxSessions(-1)).build())
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessageStartingWith("anonymous.maxSessions: -1 is out of range");
    }
}

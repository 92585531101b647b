package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerConfigurationException;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.AnonymousUserManager;
import io.github.anonftp.email.EmailPolicyConfig;
import io.github.anonftp.ftpserver.AnonFtplet;
import io.github.anonftp.ratelimit.RateLimitConfig;

/** Every configuration mistake stops start-up with one message naming the setting, the value and what is valid. */
@Timeout(30)
class ConfigurationErrorsTest {

    @TempDir
    Path root;

    private static void fails(ThrowingCallable configuration, String message) {
        assertThatThrownBy(configuration).isInstanceOf(FtpServerConfigurationException.class).hasMessage(message);
    }

    @Test
    void aMissingHomeDirectoryIsNamed() {
        fails(() -> AnonymousConfig.builder().build(), "anonymous.homeDirectory: no value given; a value is required");
        fails(() -> AnonymousConfig.builder().homeDirectory(root.resolve("nope")).build(),
                "anonymous.homeDirectory: \"" + root.resolve("nope")
                        + "\" does not exist or is not a directory; expected an existing readable directory");
    }

    @Test
    void badAnonymousSettingsAreNamed() {
        fails(() -> AnonymousConfig.builder().homeDirectory(root).maxSessions(-1).build(),
                "anonymous.maxSessions: -1 is out of range; expected 0..1000000 (0 = unlimited)");
        fails(() -> AnonymousConfig.builder().homeDirectory(root).idleTimeout(Duration.ZERO).build(),
                "anonymous.idleTimeout: 0s is out of range; expected 1s..1d");
        fails(() -> AnonymousConfig.builder().homeDirectory(root).names().build(),
                "anonymous.names: \"\" is not valid; expected at least one name, such as anonymous");
        fails(() -> AnonymousConfig.builder().homeDirectory(root).names("guest user").build(),
                "anonymous.names: \"guest user\" is not valid; expected user names of printable ASCII characters"
                        + " without spaces");
        fails(() -> AnonymousConfig.builder().homeDirectory(root).uploadPath("incoming").build(),
                "anonymous.uploadPath: \"incoming\" is not valid; expected an absolute guest path below / such as"
                        + " /incoming, without . or .. segments");
        fails(() -> AnonymousConfig.builder().homeDirectory(root).uploadPath("/pub/../incoming").build(),
                "anonymous.uploadPath: \"/pub/../incoming\" is not valid; expected an absolute guest path below / such"
                        + " as /incoming, without . or .. segments");
        fails(() -> AnonymousConfig.builder().homeDirectory(root).uploadDirectory(root).build(),
                "anonymous.uploadDirectory: \"" + root.toAbsolutePath().normalize() + "\" is not valid; expected a"
                        + " directory other than anonymous.homeDirectory (the archive would become writable)");
        fails(() -> AnonymousConfig.builder().homeDirectory(root).maxDownloadRate(-5).build(),
                "anonymous.maxDownloadRate: -5 is out of range; expected 0..2147483647 (bytes per second,"
                        + " 0 = unlimited)");
        fails(() -> AnonymousConfig.builder().homeDirectory(root).loginReply("two\r\nlines").build(),
                "anonymous.loginReply: \"two\\u000d\\u000alines\" is not valid; expected a non-blank text without"
                        + " control characters");
    }

    @Test
    void badServerSettingsAreNamed() {
        fails(() -> AnonFtpServer.builder().port(70000).build(),
                "server.port: 70000 is out of range; expected 0..65535 (0 = an ephemeral port)");
        fails(() -> AnonFtpServer.builder().passivePorts("30000-abc").build(),
                "server.passivePorts: \"30000-abc\" is not valid; expected ports or ranges such as 30000-30099 or"
                        + " 2300,2400-2410, each 1..65535");
        fails(() -> AnonFtpServer.builder().bind("no such host.invalid").build(),
                "server.bind: \"no such host.invalid\" is not valid; expected an IP address or a resolvable host name");
        fails(() -> AnonFtpServer.builder().maxThreads(1).build(),
                "server.maxThreads: 1 is out of range; expected 2..10000");
        fails(() -> RateLimitConfig.builder().maxFailuresPerConnection(0).build(),
                "rateLimit.maxFailuresPerConnection: 0 is out of range; expected 1..100 (failed logins on one"
                        + " connection before 421 and close)");
    }

    @Test
    void badRateLimitSettingsAreNamed() {
        fails(() -> RateLimitConfig.builder().connectionRate("60 per minute").build(),
                "rateLimit.connectionRate: \"60 per minute\" is not valid; expected a rate such as 60/1m or 100/1s"
                        + " (count/period), or 0 for no limit");
        fails(() -> RateLimitConfig.builder().commandRate("10/0s").build(),
                "rateLimit.commandRate: \"10/0s\" is not valid; expected a rate such as 60/1m or 100/1s"
                        + " (count/period), or 0 for no limit");
        fails(() -> RateLimitConfig.builder().banDuration(Duration.ofHours(2)).maxBanDuration(Duration.ofHours(1))
                .build(), "rateLimit.maxBanDuration: 1h is out of range; expected 2h..365d");
        fails(() -> RateLimitConfig.builder().maxTrackedClients(10).build(),
                "rateLimit.maxTrackedClients: 10 is out of range; expected 1000..10000000");
        fails(() -> RateLimitConfig.builder().ipv6PrefixLength(16).build(),
                "rateLimit.ipv6PrefixLength: 16 is out of range; expected 32..128");
        fails(() -> RateLimitConfig.builder().deniedNetworks("192.0.2.0/33").build(),
                "rateLimit.deniedNetworks: \"192.0.2.0/33\" is not valid; expected a prefix length 0..32 after the"
                        + " \"/\", such as 192.0.2.0/24");
        fails(() -> RateLimitConfig.builder().loginTimeout(Duration.ofSeconds(-1)).build(),
                "rateLimit.loginTimeout: -1s is out of range; expected 0s..1d");
    }

    @Test
    void theFtpletRefusesToStartWithoutTheAnonymousUserManager() throws Exception {
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        factory.addListener("default", listener.createListener());
        factory.setUserManager(new PropertiesUserManagerFactory().createUserManager());
        Map<String, Ftplet> ftplets = new LinkedHashMap<>();
        ftplets.put("anonftp", new AnonFtplet(EmailPolicyConfig.builder().build(), RateLimitConfig.builder().build()));
        factory.setFtplets(ftplets);
        FtpServer server = factory.createServer();
        try {
            fails(server::start, "userManager: org.apache.ftpserver.usermanager.impl.PropertiesUserManager is not"
                    + " valid with AnonFtplet; expected an io.github.anonftp.anonymous.AnonymousUserManager (it wraps"
                    + " the site's own user manager)");
        } finally {
            server.stop();
        }
    }

    @Test
    void aDropBoxWithoutTheGuestFileSystemIsRefused() throws Exception {
        Path uploads = Files.createDirectories(root.resolve("uploads"));
        Path home = Files.createDirectories(root.resolve("home"));
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        factory.addListener("default", listener.createListener());
        factory.setUserManager(new AnonymousUserManager(
                AnonymousConfig.builder().homeDirectory(home).uploadDirectory(uploads).build()));
        Map<String, Ftplet> ftplets = new LinkedHashMap<>();
        ftplets.put("anonftp", new AnonFtplet(EmailPolicyConfig.builder().build(), RateLimitConfig.builder().build()));
        factory.setFtplets(ftplets);
        FtpServer server = factory.createServer();
        try {
            assertThatThrownBy(server::start).isInstanceOf(FtpServerConfigurationException.class)
                    .hasMessageStartingWith("fileSystem: org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory"
                            + " is not valid with an upload drop box; expected an"
                            + " io.github.anonftp.anonymous.AnonymousFileSystemFactory");
        } finally {
            server.stop();
        }
        assertThat(server.isStopped()).isTrue();
    }
}

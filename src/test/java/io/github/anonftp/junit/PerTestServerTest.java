package io.github.anonftp.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.anonftp.accesslog.AccessEvent;
import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.accesslog.AddressPrivacy;
import io.github.anonftp.accesslog.Direction;
import io.github.anonftp.accesslog.EventType;
import io.github.anonftp.accesslog.Outcome;
import io.github.anonftp.email.EmailPolicyConfig;
import io.github.anonftp.email.Enforcement;

/** An instance extension field: a fresh server for every test. */
@Timeout(30)
class PerTestServerTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @RegisterExtension
    final AnonFtpServerExtension ftp = AnonFtpServerExtension.withDefaults();

    @Test
    void aFileWrittenIntoTheRootCanBeDownloaded() throws Exception {
        ftp.file("pub/data.bin", new byte[] {7, 8, 9});
        FTPClient guest = ftp.anonymousClient();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(guest.retrieveFile("/pub/data.bin", out)).isTrue();
        assertThat(out.toByteArray()).containsExactly(7, 8, 9);
    }

    @Test
    void anUploadToIncomingCanBeReadBack() throws Exception {
        FTPClient guest = ftp.anonymousClient();
        assertThat(guest.storeFile("/incoming/report.txt",
                new ByteArrayInputStream("new data\n".getBytes(StandardCharsets.UTF_8)))).isTrue();
        assertThat(new String(ftp.read("report.txt"), StandardCharsets.UTF_8)).isEqualTo("new data\n");
    }

    @Test
    void theLastLoginSuppliedTheCiAddressAndWasAccepted() {
        ftp.anonymousClient();
        AccessEvent login = ftp.accessLog().await(e -> e.type() == EventType.LOGIN, WAIT);
        assertThat(login.email()).isEqualTo(AnonFtpServerExtension.GUEST_EMAIL);
        assertThat(login.outcome()).isEqualTo(Outcome.OK);
        assertThat(ftp.accessLog().logins()).singleElement().isSameAs(login);
    }

    @Test
    void nextWalksThroughTheEventsInOrder() throws Exception {
        FTPClient guest = ftp.anonymousClient();
        guest.storeFile("/incoming/a.txt", new ByteArrayInputStream(new byte[] {1}));
        guest.logout();
        guest.disconnect();
        assertThat(ftp.accessLog().next().type()).isEqualTo(EventType.LOGIN);
        assertThat(ftp.accessLog().next()).satisfies(transfer -> {
            assertThat(transfer.type()).isEqualTo(EventType.TRANSFER);
            assertThat(transfer.direction()).isEqualTo(Direction.UPLOAD);
        });
        assertThat(ftp.accessLog().next().type()).isEqualTo(EventType.LOGOUT);
    }

    @Test
    void aConnectedClientIsConnectedButNotLoggedIn() throws Exception {
        FTPClient client = ftp.connectedClient();
        assertThat(client.getReplyCode()).isEqualTo(220);
        assertThat(client.printWorkingDirectory()).isNull();
        assertThat(client.getReplyCode()).isEqualTo(530);
    }

    @Test
    void theUrlNamesTheLoopbackAddressAndTheBoundPort() {
        assertThat(ftp.url()).hasToString("ftp://127.0.0.1:" + ftp.port() + "/");
    }

    @Test
    void filesCannotBeWrittenOutsideTheRoot() {
        assertThatThrownBy(() -> ftp.file("../escape.txt", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ftp.read("../root/x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void manyConnectionsFromOneAddressAreAllowedByDefault() {
        Set<Integer> localPorts = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            localPorts.add(ftp.anonymousClient().getLocalPort());
        }
        assertThat(localPorts).hasSize(20);
    }

    @Nested
    class NestedTests {

        @Test
        void getAServerOfTheirOwn() {
            ftp.anonymousClient();
            assertThat(ftp.accessLog().await(e -> e.type() == EventType.LOGIN, WAIT).email())
                    .isEqualTo("ci@example.org");
            assertThat(ftp.accessLog().logins()).hasSize(1);
        }
    }

    /** with(...) changes the defaults: here a strict e-mail policy, masked addresses and a session cap. */
    @Nested
    class Customised {

        @RegisterExtension
        final AnonFtpServerExtension strict = AnonFtpServerExtension.with(b -> b
                .emailPolicy(EmailPolicyConfig.builder().enforcement(Enforcement.ENFORCE).build())
                .accessLog(AccessLogConfig.builder().addressPrivacy(AddressPrivacy.MASK).build()));

        @Test
        void recordsEventsAfterTheConfiguredPrivacy() {
            strict.anonymousClient();
            AccessEvent login = strict.accessLog().await(e -> e.type() == EventType.LOGIN, WAIT);
            assertThat(login.email()).isEqualTo("c***@example.org");
        }

        @Test
        void refusesWhatTheCustomPolicyRefuses() throws Exception {
            FTPClient client = strict.connectedClient();
            assertThat(client.login("anonymous", "not an address")).isFalse();
            assertThat(strict.accessLog().await(e -> e.type() == EventType.LOGIN, WAIT).outcome())
                    .isEqualTo(Outcome.REFUSED);
        }
    }
}

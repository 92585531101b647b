package io.github.anonftp.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.anonftp.accesslog.AccessEvent;
import io.github.anonftp.accesslog.EventType;
import io.github.anonftp.accesslog.Outcome;

/** A static extension field: one server for the class and its nested classes. */
@Timeout(30)
class PerClassServerTest {

    @RegisterExtension
    static final AnonFtpServerExtension ftp = AnonFtpServerExtension.withDefaults();

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aFileWrittenIntoTheRootCanBeDownloaded() throws Exception {
        ftp.file("/pub/docs/README.txt", "hello\n");
        FTPClient guest = ftp.anonymousClient();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(guest.retrieveFile("/pub/docs/README.txt", out)).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello\n");
        assertThat(ftp.root().resolve("pub/docs/README.txt")).hasContent("hello\n");
    }

    @Test
    void anUploadToIncomingCanBeReadBack() throws Exception {
        FTPClient guest = ftp.anonymousClient();
        byte[] data = {0, 1, 2, (byte) 255};
        assertThat(guest.storeFile("/incoming/blob.bin", new ByteArrayInputStream(data))).isTrue();
        assertThat(ftp.read("blob.bin")).containsExactly(data);
        assertThat(ftp.uploads().resolve("blob.bin")).exists();
    }

    @Test
    void theLastLoginSuppliedTheCiAddressAndWasAccepted() throws Exception {
        ftp.anonymousClient();
        AccessEvent login = ftp.accessLog().await(e -> e.type() == EventType.LOGIN, WAIT);
        assertThat(login.email()).isEqualTo("ci@example.org");
        assertThat(login.outcome()).isEqualTo(Outcome.OK);
        assertThat(ftp.accessLog().last(EventType.LOGIN)).isPresent();
    }

    @Test
    void aConnectedClientIsNotLoggedInAndMayComeFromAnotherLoopbackAddress() throws Exception {
        FTPClient client = ftp.connectedClient(InetAddress.getByName("127.0.0.2"));
        assertThat(client.getReplyCode()).isEqualTo(220);
        assertThat(client.login("ftp", "other@example.org")).isTrue();
        AccessEvent login = ftp.accessLog().await(e -> "other@example.org".equals(e.email()), WAIT);
        assertThat(login.ip()).isEqualTo("127.0.0.2");
        assertThat(login.user()).isEqualTo("ftp");
    }

    @Test
    void theUrlNamesTheLoopbackAddressAndTheBoundPort() {
        assertThat(ftp.port()).isPositive();
        assertThat(ftp.url()).hasToString("ftp://127.0.0.1:" + ftp.port() + "/");
    }

    @Test
    void anAwaitThatTimesOutListsTheRecentEvents() {
        ftp.anonymousClient();
        ftp.accessLog().await(e -> e.type() == EventType.LOGIN, WAIT);
        assertThatThrownBy(() -> ftp.accessLog().await(e -> e.type() == EventType.BAN, Duration.ofMillis(100)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("No access-log event matched within PT0.1S; ")
                .hasMessageContaining("AccessEvent[LOGIN ")
                .hasMessageContaining("email=\"ci@example.org\"");
    }

    @Nested
    class NestedTests {

        @Test
        void useTheOuterClassesServer() throws Exception {
            int before = ftp.accessLog().events().size();
            java.util.List<AccessEvent> earlier = ftp.accessLog().events();
            FTPClient guest = ftp.anonymousClient();
            assertThat(guest.isConnected()).isTrue();
            // this login's record, not one of an earlier test (the log writes asynchronously)
            ftp.accessLog().await(e -> e.type() == EventType.LOGIN && earlier.stream().noneMatch(o -> o == e), WAIT);
            assertThat(ftp.accessLog().events().size()).isGreaterThan(before);
        }
    }
}

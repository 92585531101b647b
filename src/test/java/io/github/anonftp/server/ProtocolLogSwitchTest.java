package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.mina.core.session.IoSession;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.anonftp.junit.AnonFtpServerExtension;
import io.github.anonftp.testing.TestArchive;

/**
 * FtpServer's protocol log (every command and reply at INFO): anonftp's masking logger in an embedded server,
 * no logger at all in the JUnit extension's servers unless turned on. Checked on the live sessions' filter chains,
 * which is what decides whether a line can be written at any log level.
 */
@Timeout(30)
class ProtocolLogSwitchTest {

    /** The protocol logger of each session open on {@code server}, or null where it has none. */
    static List<String> protocolLoggers(AnonFtpServer server) {
        return server.listener().getActiveSessions().stream().map(IoSession.class::cast)
                .map(session -> session.getFilterChain().get("logger"))
                .map(filter -> filter == null ? "none" : filter.getClass().getSimpleName()).toList();
    }

    static List<String> protocolLoggersOfAFreshSession(AnonFtpServer server) throws Exception {
        FTPClient client = TestArchive.connect(server.port());
        try {
            return protocolLoggers(server);
        } finally {
            TestArchive.quietly(client);
        }
    }

    @Test
    void anEmbeddedServerLogsTheProtocolThroughAnonftpsMaskingLogger() throws Exception {
        try (AnonFtpServer server = AnonFtpServer.builder().build().start()) {
            assertThat(protocolLoggersOfAFreshSession(server)).containsExactly("ProtocolLogFilter");
        }
    }

    @Test
    void anEmbeddedServerWithTheProtocolLogOffHasNoProtocolLogger() throws Exception {
        try (AnonFtpServer server = AnonFtpServer.builder().protocolLog(false).build().start()) {
            assertThat(protocolLoggersOfAFreshSession(server)).containsExactly("none");
        }
    }

    @Nested
    class InTheJUnitExtension {

        @RegisterExtension
        final AnonFtpServerExtension ftp = AnonFtpServerExtension.withDefaults();

        @Test
        void theProtocolLogIsOffByDefault() {
            ftp.anonymousClient();
            assertThat(protocolLoggers(ftp.server())).containsExactly("none");
        }
    }

    @Nested
    class InTheJUnitExtensionTurnedOn {

        @RegisterExtension
        final AnonFtpServerExtension ftp = AnonFtpServerExtension.with(b -> b.protocolLog(true));

        @Test
        void theProtocolLogCanBeTurnedOn() {
            ftp.anonymousClient();
            assertThat(protocolLoggers(ftp.server())).containsExactly("ProtocolLogFilter");
        }
    }
}

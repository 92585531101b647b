package io.github.anonftp.junit.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.time.Duration;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.anonftp.accesslog.AccessEvent;
import io.github.anonftp.accesslog.AddressPrivacy;
import io.github.anonftp.accesslog.EventType;
import io.github.anonftp.accesslog.Outcome;
import io.github.anonftp.accesslog.Verdict;
import io.github.anonftp.email.PlaceholderAction;
import io.github.anonftp.junit.AnonFtpServerExtension;

/** A test server with one limit set back, client default passwords refused and addresses masked in the log. */
@Timeout(30)
class CustomisedServerExampleTest {

    @RegisterExtension
    static final AnonFtpServerExtension ftp = AnonFtpServerExtension.with(b -> b
            .rateLimit(r -> r.maxSessionsPerClient(2))            // the other limits stay relaxed
            .emailPolicy(e -> e.placeholders(PlaceholderAction.REJECT))
            .accessLog(a -> a.addressPrivacy(AddressPrivacy.MASK)));

    @Test
    void aThirdConnectionFromTheSameAddressIsRefused() {
        ftp.connectedClient();
        ftp.connectedClient();
        UncheckedIOException refused = assertThrows(UncheckedIOException.class, ftp::connectedClient);
        assertTrue(refused.getMessage().endsWith("421 Too many connections from your address (2); try again later."));
    }

    @Test
    void aClientsDefaultPasswordIsRefusedAndLoggedMasked() throws Exception {
        FTPClient client = ftp.connectedClient();
        assertFalse(client.login("anonymous", "IEUser@"));
        assertEquals(530, client.getReplyCode());

        AccessEvent login = ftp.accessLog().await(e -> e.type() == EventType.LOGIN, Duration.ofSeconds(5));
        assertEquals(Outcome.REFUSED, login.outcome());
        assertEquals(Verdict.PLACEHOLDER, login.verdict());
        assertEquals("client-default:ie", login.reason());
        assertEquals("I***@", login.email());
    }
}

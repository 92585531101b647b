package io.github.anonftp.ftpserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.anonftp.email.EmailPolicyConfig;
import io.github.anonftp.email.Enforcement;
import io.github.anonftp.email.PlaceholderAction;
import io.github.anonftp.email.Strictness;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/** What the e-mail policy's verdicts look like to a client, at each level and mode. */
@Timeout(30)
class EmailPolicyLoginTest {

    static final String OK = "230 Guest login ok, access restrictions apply.\r\n";
    static final String WARNED = "230-The password you sent is not a valid e-mail address; next time please send"
            + " yours, for example guest@example.org.\r\n" + OK;
    static final String REFUSED = "530 Please send your e-mail address as password, for example guest@example.org.\r\n";
    static final String PLACEHOLDER_REFUSED = "530 Please send your own e-mail address as password, not your"
            + " client's default, for example guest@example.org.\r\n";

    @TempDir
    Path root;
    AnonFtpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    String login(EmailPolicyConfig policy, String password) throws Exception {
        if (server == null) {
            server = AnonFtpServer.builder().anonymous(TestArchive.guests(root).build()).emailPolicy(policy)
                    .build().start();
        }
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", server.port())) {
            ftp.reply();
            ftp.command("USER anonymous");
            return ftp.command(password == null ? "PASS" : "PASS " + password);
        }
    }

    static EmailPolicyConfig policy(String strictness, String enforcement, String placeholders) {
        return EmailPolicyConfig.builder().strictness(Strictness.valueOf(strictness))
                .enforcement(Enforcement.valueOf(enforcement))
                .placeholders(PlaceholderAction.valueOf(placeholders)).build();
    }

    @ParameterizedTest(name = "{0} at {1}/{2}, placeholders {3}")
    @CsvSource({
        "jane.doe@example.org,  RFC5321, ENFORCE, ACCEPT, ok",
        "us..er@example.com,    RFC5321, ENFORCE, ACCEPT, refused",
        "us..er@example.com,    TRIVIAL, ENFORCE, ACCEPT, ok",
        "us..er@example.com,    RFC5321, WARN,    ACCEPT, warned",
        "guest,                 RFC5321, ENFORCE, ACCEPT, refused",
        "guest,                 TRIVIAL, ENFORCE, ACCEPT, refused",
        "guest,                 OFF,     ENFORCE, ACCEPT, ok",
        "guest,                 TRIVIAL, WARN,    ACCEPT, warned",
        "-wget@,                RFC5321, ENFORCE, ACCEPT, ok",
        "-wget@,                RFC5321, ENFORCE, WARN,   warned",
        "-wget@,                RFC5321, ENFORCE, REJECT, placeholder-refused",
        "-wget@,                RFC5321, WARN,    REJECT, warned",
        "IEUser@,               RFC5321, ENFORCE, REJECT, placeholder-refused",
        "Java17.0.15@,          RFC5321, ENFORCE, ACCEPT, ok",
        "\"john doe\"@example.org, RFC5321, ENFORCE, ACCEPT, ok",
        "jörg@bücher.example,   RFC5321, ENFORCE, ACCEPT, ok",
    })
    void verdictsBecomeTheRightReplies(String password, String strictness, String enforcement, String placeholders,
            String expected) throws Exception {
        String reply = login(policy(strictness, enforcement, placeholders), password);
        switch (expected) {
            case "ok":
                assertThat(reply).isEqualTo(OK);
                break;
            case "warned":
                assertThat(reply).isEqualTo(WARNED);
                break;
            case "refused":
                assertThat(reply).isEqualTo(REFUSED);
                break;
            default:
                assertThat(reply).isEqualTo(PLACEHOLDER_REFUSED);
        }
    }

    @Test
    void deniedAddressesGetTheirOwnRefusalAndAllowWinsOverDeny() throws Exception {
        EmailPolicyConfig policy = EmailPolicyConfig.builder().denied("*@*.example.net, spam@example.org")
                .allowed("ops@mail.example.net").build();
        assertThat(login(policy, "bob@mail.example.net"))
                .isEqualTo("530 This e-mail address is not accepted here; please send another one.\r\n");
        assertThat(login(policy, "SPAM@EXAMPLE.ORG")).isEqualTo(OK); // local parts are exact; spam ≠ SPAM
        assertThat(login(policy, "spam@EXAMPLE.org")).startsWith("530 This e-mail address is not accepted");
        assertThat(login(policy, "ops@MAIL.example.net")).isEqualTo(OK);
        assertThat(login(policy, "bob@example.net")).isEqualTo(OK);
    }

    @Test
    void allowOnlyAcceptsListedAddressesOnly() throws Exception {
        EmailPolicyConfig policy = EmailPolicyConfig.builder().allowed("*@example.edu").allowOnly(true).build();
        assertThat(login(policy, "prof@example.edu")).isEqualTo(OK);
        assertThat(login(policy, "someone@example.org"))
                .isEqualTo("530 Only registered e-mail addresses are accepted here.\r\n");
    }

    @Test
    void syntaxIsCheckedBeforeTheDenyList() throws Exception {
        EmailPolicyConfig policy = EmailPolicyConfig.builder().denied("*@example.com").build();
        assertThat(login(policy, "us..er@example.com")).isEqualTo(REFUSED);
        assertThat(login(policy, "user@example.com"))
                .isEqualTo("530 This e-mail address is not accepted here; please send another one.\r\n");
    }

    @Test
    void anEmptyPasswordIsRefusedUnderRfc5321AndAcceptedWhenOff() throws Exception {
        assertThat(login(EmailPolicyConfig.builder().build(), null)).isEqualTo(REFUSED);
        server.stop();
        server = null;
        assertThat(login(EmailPolicyConfig.builder().strictness(Strictness.OFF).build(), null)).isEqualTo(OK);
    }

    @Test
    void warnModeAlsoWorksForAliases() throws Exception {
        server = AnonFtpServer.builder().anonymous(TestArchive.guests(root).build())
                .emailPolicy(EmailPolicyConfig.builder().enforcement(Enforcement.WARN).build()).build().start();
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", server.port())) {
            ftp.reply();
            assertThat(ftp.command("USER FTP")).startsWith("331 Guest login ok");
            assertThat(ftp.command("PASS nobody")).isEqualTo(WARNED);
        }
    }

}

package io.github.anonftp.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Client defaults, Java's versioned default, bare {@code name@} and site placeholders. */
class PlaceholderTest {

    private static final EmailPolicy POLICY = Policies.standard();

    @ParameterizedTest(name = "{0} is the default of {1}")
    @CsvSource({
        "ftp@example.com, curl", "curl_by_daniel@haxx.se, curl", "-wget@, wget", "lftp@, lftp",
        "NcFTP@, ncftp", "anonymous@, python", "-anonymous@, python", "mozilla@example.com, mozilla",
        "chrome@example.com, chrome", "IEUser@, ie", "IE30User@, ie", "busybox@, busybox",
        "ARIA2USER@, aria2", "Squid@, squid", "User@, metasploit"})
    void shippedClientDefaultIsAPlaceholderNamingTheClient(String password, String client) {
        assertThat(Policies.outcome(POLICY.check(password))).isEqualTo("placeholder client-default:" + client);
    }

    @Test
    void everyShippedPlaceholderIsCoveredByTheTableAbove() {
        assertThat(Placeholders.shipped()).hasSize(15);
    }

    @ParameterizedTest(name = "{0} matches in any case")
    @CsvSource({"ieuser@, ie", "IEUSER@, ie", "iEuSeR@, ie", "FTP@EXAMPLE.COM, curl", "-WGET@, wget",
        "wget@, wget", "Mozilla@Example.com, mozilla", "aria2user@, aria2"})
    void placeholdersMatchInAnyCase(String password, String client) {
        assertThat(Policies.outcome(POLICY.check(password))).isEqualTo("placeholder client-default:" + client);
    }

    @Test
    void placeholderIsMatchedAfterStrippingBlanks() {
        EmailVerdict verdict = POLICY.check(" \t-wget@ ");

        assertThat(verdict).isEqualTo(new EmailVerdict(EmailVerdict.Kind.PLACEHOLDER, "client-default:wget", "wget@"));
    }

    @ParameterizedTest(name = "{0} is Java''s default")
    @ValueSource(strings = {"Java17.0.15@", "Java1.8.0_392@", "Java21@myhost", "JAVA11@", "java9@",
        "Java17.0.15+6-Debian-1deb12u1@", "Java1.4.2@host.example.org", "-Java17@"})
    void javaUrlClientDefaultIsRecognised(String password) {
        assertThat(Policies.outcome(POLICY.check(password))).isEqualTo("placeholder client-default:java");
    }

    @ParameterizedTest(name = "{0} is not Java''s default")
    @CsvSource(delimiter = ';', value = {"Java@; placeholder bare-name", "JavaX17@; placeholder bare-name",
        "Java17:1@; reject empty-domain", "Java17@my host; reject whitespace",
        "Java17@a@b; reject invalid-local-part", "java17.example.com; reject no-at-sign"})
    void lookalikeOfJavasDefaultIsCheckedNormally(String password, String expected) {
        assertThat(Policies.outcome(POLICY.check(password))).isEqualTo(expected);
    }

    @Test
    void javaDefaultWithAControlCharacterInTheHostIsRejected() {
        assertThat(Policies.outcome(POLICY.check("Java17@myhost\u0000"))).isEqualTo("reject control-character");
    }

    @ParameterizedTest(name = "{0} is a bare name")
    @ValueSource(strings = {"joe@", "anonymous.user@", "\"joe doe\"@", "-joe@", "jörg@"})
    void bareNameIsAPlaceholder(String password) {
        assertThat(Policies.outcome(POLICY.check(password))).isEqualTo("placeholder bare-name");
    }

    @Test
    void bareNameWithoutSmtpUtf8MustBeAscii() {
        EmailPolicy policy = Policies.with(b -> b.smtpUtf8(false));

        assertThat(Policies.outcome(policy.check("jörg@"))).isEqualTo("reject empty-domain");
    }

    @Test
    void validAddressThatIsAClientDefaultIsStillAPlaceholder() {
        assertThat(Policies.outcome(POLICY.check("chrome@example.com"))).isEqualTo("placeholder client-default:chrome");
    }

    @Test
    void clientDefaultNameWithADomainIsAnOrdinaryAddress() {
        assertThat(Policies.outcome(POLICY.check("IEUser@example.com"))).isEqualTo("accept ok");
    }

    @Test
    void extraPlaceholderIsAPlaceholderOfTheSite() {
        EmailPolicy policy = Policies.with(b -> b.extraPlaceholders(List.of("guest@ftp.example.org", "-robot@")));

        assertThat(Policies.outcome(policy.check("GUEST@ftp.example.org")))
                .isEqualTo("placeholder client-default:site");
        assertThat(Policies.outcome(policy.check("robot@"))).isEqualTo("placeholder client-default:site");
    }

    @Test
    void extraPlaceholderMayBeAnythingTheSiteSees() {
        EmailPolicy policy = Policies.with(b -> b.extraPlaceholders(List.of("guest")));

        assertThat(Policies.outcome(policy.check("Guest"))).isEqualTo("placeholder client-default:site");
    }

    @Test
    void extraPlaceholderDoesNotRenameAShippedClient() {
        EmailPolicy policy = Policies.with(b -> b.extraPlaceholders(List.of("IEUser@")));

        assertThat(Policies.outcome(policy.check("IEUser@"))).isEqualTo("placeholder client-default:ie");
    }

    @Test
    void placeholdersAreRecognisedAtEveryStrictness() {
        for (Strictness strictness : Strictness.values()) {
            assertThat(Policies.outcome(Policies.at(strictness).check("IEUser@")))
                    .as("%s", strictness).isEqualTo("placeholder client-default:ie");
        }
    }
}

package io.github.anonftp.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each mistake in a sample fails while the context loads, with the setting's own message as the cause of
 * Spring's exception: what an operator reads in FtpServer's start-up error.
 */
class XmlMistakesTest {

    @TempDir
    Path home;

    @Test
    void unknownPolicyLevel() throws Exception {
        assertThat(failure("strict-email-with-bans.xml", "value=\"rfc5321\"", "value=\"rfc9999\""))
                .isEqualTo("emailPolicy.strictness: \"rfc9999\" is not valid; expected one of OFF, TRIVIAL, RFC5321");
    }

    @Test
    void negativeLimit() throws Exception {
        assertThat(failure("public-archive.xml", "name=\"maxSessions\" value=\"100\"",
                "name=\"maxSessions\" value=\"-1\""))
                .isEqualTo("anonymous.maxSessions: -1 is out of range; expected 0..1000000 (0 = unlimited)");
    }

    @Test
    void badCidr() throws Exception {
        assertThat(failure("strict-email-with-bans.xml", "192.0.2.0/24", "192.0.2.0/33"))
                .isEqualTo("rateLimit.deniedNetworks: \"192.0.2.0/33\" is not valid;"
                        + " expected a prefix length 0..32 after the \"/\", such as 192.0.2.0/24");
    }

    @Test
    void unreadableSecretFile() throws Exception {
        Path secret = home.resolve("res/conf/privacy.secret");
        assertThat(failure("privacy-first-logging.xml", "", ""))
                .isEqualTo("accessLog.privacySecretFile: \"" + secret
                        + "\" cannot be read; expected a readable file holding the secret");
    }

    @Test
    void unknownTimeZone() throws Exception {
        assertThat(failure("strict-email-with-bans.xml", "<beans:property name=\"banEscalation\" value=\"2\"/>",
                "<beans:property name=\"banEscalation\" value=\"2\"/><beans:property name=\"xferlogZone\""
                        + " value=\"Mars/Olympus\"/>"))
                .isEqualTo("accessLog.xferlogZone: \"Mars/Olympus\" is not valid; expected a time zone id such as UTC"
                        + " or Europe/Berlin");
    }

    @Test
    void tooShortInlineSecret() throws Exception {
        assertThat(failure("strict-email-with-bans.xml", "<beans:property name=\"banEscalation\" value=\"2\"/>",
                "<beans:property name=\"banEscalation\" value=\"2\"/><beans:property name=\"addressPrivacy\""
                        + " value=\"hmac\"/><beans:property name=\"privacySecret\" value=\"short\"/>"))
                .startsWith("accessLog.privacySecret: a secret of 5 characters is not valid; HMAC privacy needs a"
                        + " secret of at least 16 characters");
    }

    @Test
    void badRates() throws Exception {
        assertThat(failure("public-archive.xml", "name=\"maxDownloadRatePerClient\" value=\"4MiB\"",
                "name=\"maxDownloadRatePerClient\" value=\"4 MiB/s\""))
                .startsWith("anonymous.maxDownloadRatePerClient: \"4 MiB/s\" is not valid; expected a whole number");
        assertThat(failure("public-archive.xml", "name=\"maxDownloadRate\" value=\"100MiB\"",
                "name=\"maxDownloadRate\" value=\"2048GiB\""))
                .startsWith("server.maxDownloadRate: 2199023255552 is out of range; expected 0..1099511627776");
    }

    @Test
    void badDuration() throws Exception {
        assertThat(failure("strict-email-with-bans.xml", "name=\"banDuration\" value=\"10m\"",
                "name=\"banDuration\" value=\"ten minutes\""))
                .isEqualTo("rateLimit.banDuration: \"ten minutes\" is not valid;"
                        + " expected a duration such as 500ms, 30s, 10m, 24h, 7d or PT10M");
    }

    @Test
    void missingHomeDirectory() throws Exception {
        assertThat(failure("public-archive.xml", "value=\"res/home\"", "value=\"res/nowhere\""))
                .isEqualTo("anonymous.homeDirectory: \"" + home.resolve("res/nowhere")
                        + "\" does not exist or is not a directory; expected an existing readable directory");
    }

    @Test
    void missingKeystore() throws Exception {
        assertThat(failure("ftps-archive.xml", "", ""))
                .isEqualTo("server.tlsKeystore: \"" + home.resolve("res/conf/ftpserver.p12") + "\" is not a readable"
                        + " file; expected a readable PKCS12 or JKS keystore holding the server's private key and"
                        + " certificate");
    }

    @Test
    void badHideGlob() throws Exception {
        assertThat(failure("public-archive.xml", "value=\".message, *.tmp\"", "value=\"pub/*.tmp\""))
                .startsWith("anonymous.hideFiles: \"pub/*.tmp\" is not valid; expected PathMatcher globs");
    }

    @Test
    void badExtraDestination() throws Exception {
        assertThat(failure("privacy-first-logging.xml", "value=\"xferlog:res/log/xferlog\"",
                "value=\"clf:res/log/access_log\""))
                .isEqualTo("accessLog.extraDestinations: \"clf:res/log/access_log\" is not valid; expected"
                        + " FORMAT:DESTINATION items such as xferlog:/var/log/anonftp/xferlog or json:-, FORMAT one of"
                        + " JSON, XFERLOG");
    }

    /** Loads {@code sample} with {@code from} replaced by {@code to}; returns the configuration error's message. */
    private String failure(String sample, String from, String to) throws Exception {
        XmlSample copy = XmlSample.copy(sample, home);
        if (!from.isEmpty()) {
            copy.edit(from, to);
        }
        Throwable thrown = catchThrowable(copy::load);
        assertThat(thrown).isNotNull();
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof FtpServerConfigurationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("configuration error in the causes of %s", thrown).isNotNull();
        return cause.getMessage();
    }
}

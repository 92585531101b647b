package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line's parsing, errors and the check-email subcommand, in process. */
@Timeout(30)
class CommandLineTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Run run(String... args) {
        return run(new byte[0], args);
    }

    @Test
    void helpListsEveryFlagAndExitsZero() {
        Run help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--bind", "--port", "--root", "--incoming", "--access-log", "--email-policy",
                "--email-mode", "--max-sessions-per-ip", "--passive-ports", "--config", "check-email");
    }

    @Test
    void helpFormatsEveryDescriptionWithoutPicocliWarnings() {
        // picocli reports a description it cannot format (a lone '%') on System.err, not on the given stream
        PrintStream original = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        Run help;
        try {
            System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
            help = run("--help");
        } finally {
            System.setErr(original);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
        assertThat(help.out()).contains("5% of a smaller");
    }

    @Test
    void anUnknownFlagIsAUsageErrorWithExitCode2() {
        Run run = run("--frobnicate", "21");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option").contains("'--frobnicate'").contains("Usage:");
        Run typo = run("--prot", "21");
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("Unknown option").contains("'--prot'");
    }

    @Test
    void aNonNumericPortIsAUsageError() {
        Run run = run("--port", "ftp");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--port': 'ftp' is not an int");
    }

    @Test
    void aBadPolicyLevelNamesTheSettingAndTheValidValues() {
        Run run = run("--port", "0", "--root", dir.toString(), "--email-policy", "strict");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("anonftp-server: emailPolicy.strictness: \"strict\" is not valid; expected one"
                + " of OFF, TRIVIAL, RFC5321" + System.lineSeparator());
    }

    @Test
    void aMissingRootIsAConfigurationError() {
        Run run = run("--port", "0", "--root", dir.resolve("missing").toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("anonftp-server: anonymous.homeDirectory: \"" + dir.resolve("missing")
                + "\" does not exist or is not a directory");
    }

    @Test
    void anOutOfRangePortNamesTheSetting() {
        Run run = run("--port", "70000", "--root", dir.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("server.port: 70000 is out of range; expected 0..65535");
    }

    @Test
    void badValuesOfTheOtherFlagsNameTheirSettings() {
        String root = dir.toString();
        assertThat(run("--port", "0", "--root", root, "--idle-timeout", "0s").err())
                .contains("anonymous.idleTimeout: 0s is out of range; expected 1s..1d");
        assertThat(run("--port", "0", "--root", root, "--idle-timeout", "soon").err())
                .contains("anonymous.idleTimeout: \"soon\" is not valid; expected a duration such as 500ms, 30s");
        assertThat(run("--port", "0", "--root", root, "--email-deny", "*spam").err())
                .contains("emailPolicy.denied: \"*spam\" is not valid; expected user@domain, *@domain or *@*.domain");
        assertThat(run("--port", "0", "--root", root, "--email-allow-only").err())
                .contains("emailPolicy.allowOnly: true is not valid; expected false while emailPolicy.allowed is empty");
        assertThat(run("--port", "0", "--root", root, "--max-login-failures", "0").err())
                .contains("rateLimit.maxFailuresPerConnection: 0 is out of range; expected 1..100");
        assertThat(run("--port", "0", "--root", root, "--guest-names", ",").err())
                .contains("anonymous.names: \"\" is not valid; expected at least one name");
        assertThat(run("--port", "0", "--root", root, "--passive-ports", "1-2-3").err())
                .contains("server.passivePorts: \"1-2-3\" is not valid");
        assertThat(run("--port", "0", "--root", root, "--placeholders", "maybe").err())
                .contains("emailPolicy.placeholders: \"maybe\" is not valid; expected one of ACCEPT, WARN, REJECT");
    }

    @Test
    void badRateLimitFlagsNameTheirSettings() {
        String root = dir.toString();
        assertThat(run("--port", "0", "--root", root, "--max-sessions-per-ip", "-1").err())
                .contains("rateLimit.maxSessionsPerClient: -1 is out of range; expected 0..10000 (0 = no limit)");
        assertThat(run("--port", "0", "--root", root, "--ipv6-prefix", "130").err())
                .contains("rateLimit.ipv6PrefixLength: 130 is out of range; expected 32..128");
        assertThat(run("--port", "0", "--root", root, "--allow", "10.1.2.3/8").err())
                .contains("rateLimit.allowedNetworks: \"10.1.2.3/8\" is not valid; expected a network address with its"
                        + " prefix length, such as 10.0.0.0/8 (host bits must be zero)");
        assertThat(run("--port", "0", "--root", root, "--deny", "example.com").err())
                .contains("rateLimit.deniedNetworks: \"example.com\" is not valid; expected an IP address, not a host name");
        assertThat(run("--port", "0", "--root", root, "--ban-time", "forever").err())
                .contains("rateLimit.banDuration: \"forever\" is not valid; expected a duration");
        assertThat(run("--port", "0", "--root", root, "--connections-per-minute-per-ip", "-5").err())
                .contains("rateLimit.connectionRate: -5 is out of range; expected 0..1000000 (0 = no limit)");
        assertThat(run("--port", "0", "--root", root, "--login-failure-delay", "2m").err())
                .contains("rateLimit.loginFailureDelay: 2m is out of range; expected 0s..1m");
    }

    @Test
    void badBandwidthFlagsNameTheirSettings() {
        String root = dir.toString();
        assertThat(run("--port", "0", "--root", root, "--max-download-rate-per-ip", "fast").err())
                .contains("anonymous.maxDownloadRatePerClient: \"fast\" is not valid;"
                        + " expected a whole number of bytes");
        assertThat(run("--port", "0", "--root", root, "--max-upload-rate-per-ip", "1TB").err())
                .contains("anonymous.maxUploadRatePerClient: \"1TB\" is not valid");
        assertThat(run("--port", "0", "--root", root, "--max-download-rate", "2TiB").err())
                .contains("server.maxDownloadRate: \"2TiB\" is not valid");
        assertThat(run("--port", "0", "--root", root, "--max-download-rate", "2048GiB").err())
                .contains("server.maxDownloadRate: 2199023255552 is out of range; expected 0..1099511627776");
        assertThat(run("--port", "0", "--root", root, "--max-upload-rate", "-1").err())
                .contains("server.maxUploadRate: \"-1\" is not valid");
    }

    @Test
    void aMistakeInTheConfigXmlIsReportedWithTheSettingsOwnMessage() throws Exception {
        String sample = java.nio.file.Files.readString(Path.of("config-samples/strict-email-with-bans.xml"));
        Path xml = dir.resolve("bad.xml");
        java.nio.file.Files.writeString(xml, sample.replace("value=\"rfc5321\"", "value=\"strict\""));
        Run run = run("--config", xml.toString());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("could not be loaded: emailPolicy.strictness: \"strict\" is not valid;"
                + " expected one of OFF, TRIVIAL, RFC5321");
    }

    @Test
    void configCannotBeCombinedWithOtherServerFlags() {
        Run run = run("--config", "server.xml", "--port", "2121");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--config runs the XML file as it is; remove --port");
    }

    @Test
    void checkEmailPrintsOneVerdictLinePerInputLineInOrder() {
        String input = "jane.doe@example.org\n-wget@\nguest\r\nus..er@example.com\n\njörg@bücher.example\nlast@example.org";
        Run run = run(input.getBytes(StandardCharsets.UTF_8), "check-email");
        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo(String.join(System.lineSeparator(),
                "accept\tok", "placeholder\tclient-default:wget", "reject\tno-at-sign", "reject\tinvalid-local-part",
                "reject\tempty", "accept\tok", "accept\tok", ""));
    }

    @Test
    void checkEmailHonoursThePolicyLevel() {
        Run run = run("guest\nus..er@example.com\n".getBytes(StandardCharsets.UTF_8), "check-email",
                "--email-policy", "trivial");
        assertThat(run.out()).isEqualTo("reject\tno-at-sign" + System.lineSeparator() + "accept\tok"
                + System.lineSeparator());
        Run off = run("guest\n".getBytes(StandardCharsets.UTF_8), "check-email", "--email-policy", "OFF");
        assertThat(off.out()).isEqualTo("accept\tnot-checked" + System.lineSeparator());
    }

    @Test
    void checkEmailRejectsInvalidUtf8AndControlCharactersOnTheirOwnLine() {
        byte[] input = {(byte) 0xff, '@', 'x', '\n', 'a', 0, '@', 'b', '.', 'c', '\n', 'o', 'k', '@', 'x', '.', 'y', '\n'};
        Run run = run(input, "check-email");
        assertThat(run.out()).isEqualTo(String.join(System.lineSeparator(),
                "reject\tinvalid-utf8", "reject\tcontrol-character", "accept\tok", ""));
    }
}

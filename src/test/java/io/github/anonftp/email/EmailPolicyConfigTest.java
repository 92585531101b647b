package io.github.anonftp.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Defaults, string parsing, validation messages and the start-up line of {@link EmailPolicyConfig}. */
class EmailPolicyConfigTest {

    private static final String PATTERN_FORMS = "user@domain, *@domain or *@*.domain";

    @Test
    void builderDefaultsMatchTheDocumentation() {
        EmailPolicyConfig config = EmailPolicyConfig.builder().build();

        assertThat(config).isEqualTo(new EmailPolicyConfig(Strictness.RFC5321, Enforcement.ENFORCE,
                PlaceholderAction.ACCEPT, List.of(), List.of(), false, List.of(), true));
    }

    @Test
    void enumSettingsAreParsedFromStringsInAnyCase() {
        EmailPolicyConfig config = EmailPolicyConfig.builder()
                .strictness("trivial").enforcement("Warn").placeholders(" REJECT ").build();

        assertThat(config.strictness()).isEqualTo(Strictness.TRIVIAL);
        assertThat(config.enforcement()).isEqualTo(Enforcement.WARN);
        assertThat(config.placeholders()).isEqualTo(PlaceholderAction.REJECT);
    }

    @Test
    void listSettingsAreParsedFromCommaOrWhitespaceSeparatedStrings() {
        EmailPolicyConfig config = EmailPolicyConfig.builder()
                .allowed("ops@mail.example.net, *@example.org").denied("*@*.example.net\n*@example.com")
                .extraPlaceholders("guest@ robot@").build();

        assertThat(config.allowed()).containsExactly("ops@mail.example.net", "*@example.org");
        assertThat(config.denied()).containsExactly("*@*.example.net", "*@example.com");
        assertThat(config.extraPlaceholders()).containsExactly("guest@", "robot@");
    }

    @Test
    void badStrictnessNamesTheSettingAndTheValidValues() {
        assertThatThrownBy(() -> EmailPolicyConfig.builder().strictness("strict"))
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("emailPolicy.strictness: \"strict\" is not valid; expected one of OFF, TRIVIAL, RFC5321");
    }

    @Test
    void badEnforcementNamesTheSettingAndTheValidValues() {
        assertThatThrownBy(() -> EmailPolicyConfig.builder().enforcement("block"))
                .hasMessage("emailPolicy.enforcement: \"block\" is not valid; expected one of ENFORCE, WARN");
    }

    @Test
    void badPlaceholderActionNamesTheSettingAndTheValidValues() {
        assertThatThrownBy(() -> EmailPolicyConfig.builder().placeholders("ignore"))
                .hasMessage("emailPolicy.placeholders: \"ignore\" is not valid; expected one of ACCEPT, WARN, REJECT");
    }

    @Test
    void missingStrictnessIsAnError() {
        assertThatThrownBy(() -> EmailPolicyConfig.builder().strictness((Strictness) null).build())
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("emailPolicy.strictness: no value given; a value is required");
    }

    @Test
    void missingEnforcementIsAnError() {
        assertThatThrownBy(() -> EmailPolicyConfig.builder().enforcement((Enforcement) null).build())
                .hasMessage("emailPolicy.enforcement: no value given; a value is required");
    }

    @Test
    void missingPlaceholderActionIsAnError() {
        assertThatThrownBy(() -> EmailPolicyConfig.builder().placeholders((PlaceholderAction) null).build())
                .hasMessage("emailPolicy.placeholders: no value given; a value is required");
    }

    @Test
    void nullAllowedListIsAnError() {
        assertThatThrownBy(() -> EmailPolicyConfig.builder().allowed((List<String>) null).build())
                .hasMessage("emailPolicy.allowed: no value given; a value is required");
    }

    @Test
    void nullDeniedListIsAnError() {
        assertThatThrownBy(() -> EmailPolicyConfig.builder().denied((List<String>) null).build())
                .hasMessage("emailPolicy.denied: no value given; a value is required");
    }

    @Test
    void nullExtraPlaceholdersListIsAnError() {
        assertThatThrownBy(() -> EmailPolicyConfig.builder().extraPlaceholders((List<String>) null).build())
                .hasMessage("emailPolicy.extraPlaceholders: no value given; a value is required");
    }

    @Test
    void nullListStringIsAnError() {
        assertThatThrownBy(() -> EmailPolicyConfig.builder().denied((String) null))
                .hasMessage("emailPolicy.denied: no value given; a value is required");
    }

    @Test
    void nullPatternInAListIsAnError() {
        List<String> patterns = Arrays.asList("*@example.org", null);

        assertThatThrownBy(() -> EmailPolicyConfig.builder().allowed(patterns).build())
                .hasMessage("emailPolicy.allowed: null is not valid; expected " + PATTERN_FORMS);
    }

    @ParameterizedTest(name = "denied pattern \"{0}\" is rejected")
    @ValueSource(strings = {"*foo", "foo", "", "@", "*@", "*@*", "*@*.", "*@*.*.example.com", "**@example.com",
        "a*b@example.com", "*user@example.com", "user@-bad.example", "user@exa mple.com", "us..er@example.com",
        "user name@example.com", "*@[192.0.2.1]", "*@example..com", "@example.com", "user@[300.1.1.1]"})
    void badDeniedPatternNamesTheSettingTheValueAndTheForms(String pattern) {
        assertThatThrownBy(() -> EmailPolicyConfig.builder().denied(List.of(pattern)).build())
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("emailPolicy.denied: \"" + pattern + "\" is not valid; expected " + PATTERN_FORMS);
    }

    @Test
    void badAllowedPatternNamesTheAllowedSetting() {
        assertThatThrownBy(() -> EmailPolicyConfig.builder().allowed("*foo").build())
                .hasMessage("emailPolicy.allowed: \"*foo\" is not valid; expected " + PATTERN_FORMS);
    }

    @Test
    void controlCharacterInAPatternIsShownEscaped() {
        assertThatThrownBy(() -> EmailPolicyConfig.builder().denied(List.of("a\u0000@example.com")).build())
                .hasMessage("emailPolicy.denied: \"a\\u0000@example.com\" is not valid; expected " + PATTERN_FORMS);
    }

    @ParameterizedTest(name = "pattern \"{0}\" is accepted")
    @ValueSource(strings = {"user@example.com", "IEUser@", "Java17@myhost", "*@example.com", "*@*.example.net",
        "*@localhost", "x@[192.0.2.1]", "x@[IPv6:2001:db8::1]", "\"john doe\"@example.org", "*@bücher.example",
        "jörg@bücher.example", "*@EXAMPLE.COM"})
    void validPatternIsAccepted(String pattern) {
        assertThat(EmailPolicyConfig.builder().denied(List.of(pattern)).build().denied()).containsExactly(pattern);
    }

    @ParameterizedTest(name = "extra placeholder \"{0}\" is rejected")
    @ValueSource(strings = {"", " ", "-", " - ", "guest\u0000@", "guest\t@", "\u001b[0m"})
    void badExtraPlaceholderNamesTheSettingAndWhatIsValid(String extra) {
        assertThatThrownBy(() -> EmailPolicyConfig.builder().extraPlaceholders(List.of(extra)).build())
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessageStartingWith("emailPolicy.extraPlaceholders: \"")
                .hasMessageEndingWith("\" is not valid; expected passwords that are not empty after stripping "
                        + "blanks and a leading \"-\", without control characters, at most 512 characters");
    }

    @Test
    void overlongExtraPlaceholderIsAnError() {
        List<String> extras = List.of("a".repeat(513));

        assertThatThrownBy(() -> EmailPolicyConfig.builder().extraPlaceholders(extras).build())
                .hasMessageStartingWith("emailPolicy.extraPlaceholders: \"aaaa");
    }

    @Test
    void allowOnlyWithoutAllowedPatternsIsAnError() {
        assertThatThrownBy(() -> EmailPolicyConfig.builder().allowOnly(true).build())
                .hasMessage("emailPolicy.allowOnly: true is not valid; expected false while emailPolicy.allowed "
                        + "is empty");
    }

    @Test
    void listsAreCopiedSoLaterChangesToTheSourceDoNotLeakIn() {
        List<String> source = new ArrayList<>(List.of("*@example.com"));
        EmailPolicyConfig config = EmailPolicyConfig.builder().denied(source).build();

        source.add("*@example.org");

        assertThat(config.denied()).containsExactly("*@example.com");
    }

    @Test
    void listsCannotBeModified() {
        EmailPolicyConfig config = EmailPolicyConfig.builder().denied("*@example.com").build();

        assertThatThrownBy(() -> config.denied().add("*@example.org"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toStringIsOneReadableLine() {
        EmailPolicyConfig config = EmailPolicyConfig.builder().denied("*@*.example.net").build();

        assertThat(config.toString()).isEqualTo("emailPolicy[strictness=RFC5321, enforcement=ENFORCE, "
                + "placeholders=ACCEPT, allowed=[], denied=[*@*.example.net], allowOnly=false, "
                + "extraPlaceholders=[], smtpUtf8=true]");
    }
}

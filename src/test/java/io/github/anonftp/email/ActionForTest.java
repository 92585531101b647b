package io.github.anonftp.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table that turns a verdict into what the FTP layer does, for every combination of settings. */
class ActionForTest {

    @ParameterizedTest(name = "{0} with placeholders={1}, enforcement={2} is {3}")
    @CsvSource({
        "ACCEPT,      ACCEPT, ENFORCE, ACCEPT",
        "ACCEPT,      WARN,   ENFORCE, ACCEPT",
        "ACCEPT,      REJECT, ENFORCE, ACCEPT",
        "ACCEPT,      ACCEPT, WARN,    ACCEPT",
        "ACCEPT,      WARN,   WARN,    ACCEPT",
        "ACCEPT,      REJECT, WARN,    ACCEPT",
        "PLACEHOLDER, ACCEPT, ENFORCE, ACCEPT",
        "PLACEHOLDER, WARN,   ENFORCE, WARN",
        "PLACEHOLDER, REJECT, ENFORCE, REFUSE",
        "PLACEHOLDER, ACCEPT, WARN,    ACCEPT",
        "PLACEHOLDER, WARN,   WARN,    WARN",
        "PLACEHOLDER, REJECT, WARN,    WARN",
        "REJECT,      ACCEPT, ENFORCE, REFUSE",
        "REJECT,      WARN,   ENFORCE, REFUSE",
        "REJECT,      REJECT, ENFORCE, REFUSE",
        "REJECT,      ACCEPT, WARN,    WARN",
        "REJECT,      WARN,   WARN,    WARN",
        "REJECT,      REJECT, WARN,    WARN"})
    void verdictMapsToTheDocumentedLoginAction(EmailVerdict.Kind kind, PlaceholderAction placeholders,
            Enforcement enforcement, LoginAction expected) {
        EmailPolicyConfig config = EmailPolicyConfig.builder()
                .placeholders(placeholders).enforcement(enforcement).build();

        LoginAction action = config.actionFor(new EmailVerdict(kind, "any", "user@example.com"));

        assertThat(action).isEqualTo(expected);
    }
}

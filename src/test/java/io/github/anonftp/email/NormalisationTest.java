package io.github.anonftp.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the verdict's {@code address} holds: blanks and one dash stripped, the domain lower-cased. */
class NormalisationTest {

    private static final EmailPolicy POLICY = Policies.standard();

    @ParameterizedTest(name = "\"{0}\" becomes {1}")
    @CsvSource(delimiter = ';', ignoreLeadingAndTrailingWhitespace = false, value = {
        "  user@example.com  ;user@example.com", "\tuser@example.com\t;user@example.com",
        " \t user@example.com \t ;user@example.com", "-joe@example.org;joe@example.org",
        "  -joe@example.org ;joe@example.org", "--joe@example.org;-joe@example.org",
        "User@Example.COM;User@example.com", "\"A@B\"@EXAMPLE.org;\"A@B\"@example.org",
        "jörg@BÜCHER.example;jörg@bücher.example", "x@[IPv6:2001:DB8::1];x@[ipv6:2001:db8::1]"})
    void addressIsNormalised(String password, String address) {
        EmailVerdict verdict = POLICY.check(password);

        assertThat(verdict.address()).isEqualTo(address);
        assertThat(Policies.outcome(verdict)).isEqualTo("accept ok");
    }

    @Test
    void trailingNulIsNotStrippedAndIsRejected() {
        EmailVerdict verdict = POLICY.check("user@example.com\u0000");

        assertThat(verdict).isEqualTo(new EmailVerdict(EmailVerdict.Kind.REJECT, "control-character",
                "user@example.com\u0000"));
    }

    @Test
    void otherWhitespaceIsNotStripped() {
        EmailVerdict verdict = POLICY.check("user@example.com\r\n");

        assertThat(Policies.outcome(verdict)).isEqualTo("reject control-character");
    }

    @Test
    void dashIsStrippedOnlyAtTheStart() {
        assertThat(POLICY.check("joe-@example.org").address()).isEqualTo("joe-@example.org");
    }

    @Test
    void tooLongInputHasAnEmptyAddress() {
        assertThat(POLICY.check("a".repeat(513)).address()).isEmpty();
    }

    @Test
    void blankInputHasAnEmptyAddress() {
        assertThat(POLICY.check("   ")).isEqualTo(new EmailVerdict(EmailVerdict.Kind.REJECT, "empty", ""));
    }

    @Test
    void nullInputIsTheEmptyString() {
        assertThat(POLICY.check(null)).isEqualTo(POLICY.check(""));
    }

    @Test
    void lengthLimitAppliesToTheRawInputBeforeStripping() {
        String padded = "user@example.com" + " ".repeat(497);

        assertThat(Policies.outcome(POLICY.check(padded))).isEqualTo("reject too-long");
    }

    @Test
    void addressWithoutAtSignIsKeptAsIs() {
        assertThat(POLICY.check(" -Joe ").address()).isEqualTo("Joe");
    }

    @Test
    void kindTokensAreLowerCase() {
        assertThat(POLICY.check("user@example.com").kindToken()).isEqualTo("accept");
        assertThat(EmailVerdict.Kind.PLACEHOLDER.token()).isEqualTo("placeholder");
        assertThat(EmailVerdict.Kind.REJECT.token()).isEqualTo("reject");
    }
}

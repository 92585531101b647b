package io.github.anonftp.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the e-mail policy with any password under any strictness: a verdict with a documented reason token
 * for every input, never an exception, and a normalisation that is idempotent. Regression inputs live in
 * {@code src/test/resources/io/github/anonftp/email/EmailFuzzTestInputs/}; see docs/testing.md to fuzz for real.
 */
class EmailFuzzTest {

    private static final EmailPolicy[] POLICIES = {
        EmailPolicy.of(EmailPolicyConfig.builder().strictness(Strictness.RFC5321).build()),
        EmailPolicy.of(EmailPolicyConfig.builder().strictness(Strictness.RFC5321).smtpUtf8(false).build()),
        EmailPolicy.of(EmailPolicyConfig.builder().strictness(Strictness.TRIVIAL).build()),
        EmailPolicy.of(EmailPolicyConfig.builder().strictness(Strictness.OFF).build()),
        EmailPolicy.of(EmailPolicyConfig.builder().denied("*@*.example.net, bad@example.org")
                .allowed("ops@mail.example.net").extraPlaceholders("guest@site").build()),
    };
    private static final EmailPolicy NORMALISE_ONLY = POLICIES[3];

    @FuzzTest(maxDuration = "2m")
    void everyPasswordGetsAVerdictAndNormalisingTwiceChangesNothing(FuzzedDataProvider data) {
        EmailPolicy policy = POLICIES[data.consumeInt(0, POLICIES.length - 1)];
        String password = data.consumeRemainingAsString();
        EmailVerdict verdict = policy.check(password);
        assertThat(verdict.reason()).matches("[a-z0-9-]+(:[a-z0-9.-]+)?");
        String address = verdict.address();
        // One leading "-" is the wu-ftpd quiet flag, taken once: "--a@b" is the mailbox "-a@b", so only an address
        // that does not itself start with "-" (or with what stripping the flag uncovered) normalises to itself.
        if (address.startsWith("-") || address.startsWith(" ") || address.startsWith("\t")) {
            return;
        }
        assertThat(NORMALISE_ONLY.check(address).address()).isEqualTo(address);
        if (verdict.kind() == EmailVerdict.Kind.ACCEPT && verdict.reason().equals("ok")) {
            assertThat(policy.check(address)).as("an accepted address is accepted again").isEqualTo(verdict);
        }
    }
}

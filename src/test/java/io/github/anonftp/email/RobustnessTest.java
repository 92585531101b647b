package io.github.anonftp.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Inputs that make backtracking matchers explode get their exact verdict (the parsers are linear; this is
 * not a timing test), and one policy instance gives the same answers from several threads.
 */
class RobustnessTest {

    private static final EmailPolicy POLICY = Policies.standard();

    static Stream<Arguments> pathological() {
        return Stream.of(
                Arguments.of("a.".repeat(250), "reject no-at-sign"),
                Arguments.of("a.".repeat(200) + "@example.com", "reject invalid-local-part"),
                Arguments.of("a.".repeat(200) + "a@example.com", "reject local-part-too-long"),
                Arguments.of("@".repeat(500), "reject empty-domain"),
                Arguments.of("@".repeat(499) + "x", "reject invalid-local-part"),
                Arguments.of("a@".repeat(250), "reject empty-domain"),
                Arguments.of("\"".repeat(500), "reject no-at-sign"),
                Arguments.of("\"".repeat(300) + "@example.com", "reject invalid-local-part"),
                Arguments.of("\"" + "\\\"".repeat(200) + "\"@example.com", "reject local-part-too-long"),
                Arguments.of("\"" + "\\".repeat(300) + "@example.com", "reject invalid-local-part"),
                Arguments.of("x@" + "a-".repeat(200) + "a", "reject label-too-long"),
                Arguments.of("x@" + "a.".repeat(200) + "a", "reject domain-too-long"),
                Arguments.of("x@" + "a.".repeat(200), "reject invalid-domain"),
                Arguments.of("x@[" + "1.".repeat(200) + "1]", "reject invalid-address-literal"),
                Arguments.of("x@[IPv6:" + "1:".repeat(200) + "1]", "reject invalid-address-literal"),
                Arguments.of("x@[IPv6:" + "::".repeat(200) + "]", "reject invalid-address-literal"),
                Arguments.of("x@" + "[".repeat(300) + "]", "reject invalid-address-literal"),
                Arguments.of("ü".repeat(300) + "@example.com", "reject local-part-too-long"),
                Arguments.of("x@" + "例".repeat(400), "reject label-too-long"),
                Arguments.of("Java1" + ".".repeat(400) + "@", "placeholder client-default:java"),
                Arguments.of("Java1" + ".".repeat(400) + "@@", "reject empty-domain"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("pathological")
    void pathologicalInputGetsItsExactVerdict(String password, String expected) {
        assertThat(Policies.outcome(POLICY.check(password))).isEqualTo(expected);
    }

    @Test
    void randomInputsNeverThrowAtAnyStrictness() {
        String alphabet = "a.@\"\\[]:- \t\u0000\u0085\u00fc\u4f8b\u3002\u2028\ud83d\ude00\ud800\u0130xn-1IPv6";
        Random random = new Random(1635);
        List<EmailPolicy> policies = new ArrayList<>();
        for (Strictness strictness : Strictness.values()) {
            policies.add(Policies.with(b -> b.strictness(strictness).denied("*@*.a").allowed("a@a")));
            policies.add(Policies.with(b -> b.strictness(strictness).smtpUtf8(false)));
        }
        int checked = 0;
        for (int n = 0; n < 5000; n++) {
            StringBuilder password = new StringBuilder();
            for (int length = random.nextInt(80); length > 0; length--) {
                password.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            for (EmailPolicy policy : policies) {
                EmailVerdict verdict = policy.check(password.toString());
                assertThat(verdict.address()).isNotNull();
                checked++;
            }
        }
        assertThat(checked).isEqualTo(5000 * policies.size());
    }

    @Test
    void oneInstanceGivesTheSameVerdictsFromSeveralThreads() throws Exception {
        List<String> passwords = List.of("user@example.com", "IEUser@", "us..er@example.com", "jörg@bücher.example",
                "x@[IPv6:::1]", "", "joe@", "Java17.0.15@");
        List<EmailVerdict> expected = passwords.stream().map(POLICY::check).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> sameVerdicts(passwords, expected)));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean sameVerdicts(List<String> passwords, List<EmailVerdict> expected) {
        for (int round = 0; round < 500; round++) {
            for (int i = 0; i < passwords.size(); i++) {
                if (!POLICY.check(passwords.get(i)).equals(expected.get(i))) {
                    return false;
                }
            }
        }
        return true;
    }
}

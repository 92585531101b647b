package io.github.anonftp.ftpserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** LIST name patterns, as FtpServer's listing matches them. */
@Timeout(10)
class GlobTest {

    @ParameterizedTest
    @CsvSource({
        "*.txt, notes.txt, true", "*.txt, notes.txt.gz, false", "n?tes.*, notes.txt, true", "[abc]*, banana, true",
        "[a-c]*, delta, false", "[^a]*, banana, true", "[^b]*, banana, false", "[!b]*, apple, true",
        "*a*b, aaab, true", "*a*b, aaaba, false", "file-[0-9][0-9], file-42, true", "exact, exact, true",
        "exact, exacting, false", "*, '', true"})
    void matches(String pattern, String name, boolean expected) {
        assertThat(new Glob(pattern).matches(name)).isEqualTo(expected);
    }

    @Test
    void aPatternOfManyStarsStaysLinear() {
        String name = "a".repeat(5000);
        // exponential backtracking would not finish; one backtracking point makes this at most 5000 x 30 steps
        assertThat(new Glob("*a".repeat(15) + "b").matches(name)).isFalse();
    }
}

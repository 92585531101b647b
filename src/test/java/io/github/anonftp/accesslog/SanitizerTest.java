package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SanitizerTest {

    private static final String GRIN = "\uD83D\uDE00";

    @Test
    void nullStaysNull() {
        assertThat(Sanitizer.clean(null, 16)).isNull();
    }

    @Test
    void shortTextIsUnchangedControlsIncluded() {
        assertThat(Sanitizer.clean("a\r\n\u0000\u001b[31m\"\\", 16)).isEqualTo("a\r\n\u0000\u001b[31m\"\\");
    }

    @Test
    void textOfExactlyTheLimitIsNotCut() {
        assertThat(Sanitizer.clean("abcd", 4)).isEqualTo("abcd");
    }

    @Test
    void longTextIsCutWithTheNumberOfCharsCut() {
        assertThat(Sanitizer.clean("abcdefghij", 4)).isEqualTo("abcd\u2026[+6]");
    }

    @Test
    void aLongPasswordIsCutToTheLimit() {
        String cleaned = Sanitizer.clean("x".repeat(300), 256);
        assertThat(cleaned).isEqualTo("x".repeat(256) + "\u2026[+44]");
    }

    @Test
    void aSurrogatePairAtTheCutPointIsKeptWholeOrDropped() {
        assertThat(Sanitizer.clean("abc" + GRIN + "def", 4)).isEqualTo("abc\u2026[+5]");
        assertThat(Sanitizer.clean("abc" + GRIN + "def", 5)).isEqualTo("abc" + GRIN + "\u2026[+3]");
    }

    @Test
    void loneSurrogatesBecomeReplacementCharacters() {
        assertThat(Sanitizer.clean("a\uD800b", 16)).isEqualTo("a\uFFFDb");
        assertThat(Sanitizer.clean("a\uDC00b", 16)).isEqualTo("a\uFFFDb");
        assertThat(Sanitizer.clean("ab\uD83D", 16)).isEqualTo("ab\uFFFD");
        assertThat(Sanitizer.clean("\uDE00\uD83D", 16)).isEqualTo("\uFFFD\uFFFD");
    }

    @Test
    void pairsAreKeptWhileLoneSurrogatesAroundThemAreReplaced() {
        assertThat(Sanitizer.clean("\uD800" + GRIN + "\uDC00", 16)).isEqualTo("\uFFFD" + GRIN + "\uFFFD");
    }

    @Test
    void aLoneHighSurrogateAtTheCutPointIsReplacedNotDropped() {
        assertThat(Sanitizer.clean("abc\uD800def", 4)).isEqualTo("abc\uFFFD\u2026[+3]");
    }
}

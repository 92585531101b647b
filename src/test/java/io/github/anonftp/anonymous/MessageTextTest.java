package io.github.anonftp.anonymous;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** What a message file may hold, and what reaches the reply of it. */
class MessageTextTest {

    @Test
    void bytesThatAreNotUtf8BecomeReplacementCharacters() {
        byte[] bytes = {'c', 'a', 'f', (byte) 0xE9, '\n', 'o', 'k'};
        assertThat(MessageText.sanitise(bytes)).isEqualTo("caf\uFFFD\nok");
    }

    @Test
    void everyLineEndBecomesALineFeedAndLineSeparatorsGo() {
        assertThat(MessageText.sanitise("a\rb\r\nc\u2028d\u2029\n")).isEqualTo("a\nb\ncd");
    }

    @Test
    void surroundingEmptyLinesGoButIndentationStays() {
        assertThat(MessageText.sanitise("\n\n   indented\n\tand tabbed   \n\n\n")).isEqualTo("   indented\n and tabbed");
    }

    @Test
    void escapeSequencesLoseTheirEscape() {
        assertThat(MessageText.sanitise("\u001b[2J\u001b]0;title\u0007clear".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("[2J]0;titleclear");
    }

    @Test
    void linesAreCutAt200Characters() {
        assertThat(MessageText.sanitise("é".repeat(300))).hasSize(MessageText.MAX_LINE);
    }
}

package io.github.anonftp.ftpserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What anonftp's protocol logger writes for a received line: passwords never, control characters escaped. */
class ProtocolLogFilterTest {

    @ParameterizedTest
    @CsvSource(delimiterString = "|", value = {
        "PASS jane@example.org | PASS *****",
        "pass jane@example.org | PASS *****",
        "XPASS jane@example.org | XPASS *****",
        "  xPass jane@example.org | XPASS *****",
        "PASS | PASS *****",
        "USER anonymous | USER anonymous",
        "RETR /pub/README.txt | RETR /pub/README.txt",
    })
    void passwordCommandsAreMaskedInEveryForm(String line, String logged) {
        assertThat(ProtocolLogFilter.masked(line)).isEqualTo(logged);
    }

    @Test
    void aTabAfterPassStillMasksIt() {
        assertThat(ProtocolLogFilter.masked("PASS\tjane@example.org")).isEqualTo("PASS *****");
    }

    @Test
    void controlCharactersAreEscapedSoNoLineCanBeForgedOrColoured() {
        assertThat(ProtocolLogFilter.masked("RETR a\rINFO fake line\u001b[31m\u2028"))
                .isEqualTo("RETR a\\u000dINFO fake line\\u001b[31m\\u2028");
    }

    @Test
    void longLinesAreCapped() {
        String logged = ProtocolLogFilter.masked("NOOP " + "x".repeat(1000));
        assertThat(logged).hasSize(512 + "...[+493]".length()).endsWith("...[+493]");
    }
}

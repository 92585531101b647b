package io.github.anonftp.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The parser alone, for what the policy table does not reach: smtpUtf8 off and the local-part check. */
class MailboxParserTest {

    @ParameterizedTest(name = "{0} without smtpUtf8 is non-ascii")
    @CsvSource({"jörg@example.com", "user@bücher.example", "\"jörg\"@example.com", "用户@例子.广告"})
    void nonAsciiIsRejectedWithoutSmtpUtf8(String address) {
        assertThat(MailboxParser.check(address, false)).isEqualTo("non-ascii");
    }

    @Test
    void asciiAddressIsValidWithoutSmtpUtf8() {
        assertThat(MailboxParser.check("user@xn--bcher-kva.example", false)).isEqualTo("ok");
    }

    @Test
    void c1ControlIsAControlCharacterEvenWithoutSmtpUtf8() {
        assertThat(MailboxParser.check("us\u0085er@example.com", false)).isEqualTo("control-character");
    }

    @Test
    void whitespaceIsReportedBeforeNonAscii() {
        assertThat(MailboxParser.check("jörg müller@example.com", false)).isEqualTo("whitespace");
    }

    @ParameterizedTest(name = "local part {0} is {1}")
    @CsvSource(delimiter = ';', value = {
        "joe; ok", "\"joe doe\"; ok", "jo..e; invalid-local-part", "jo e; whitespace",
        "jo\u0000e; control-character", "'\"\"'; ok"})
    void localPartAloneGetsItsReason(String local, String expected) {
        assertThat(MailboxParser.checkLocalPart(local, true)).isEqualTo(expected);
    }

    @Test
    void emptyLocalPartAloneIsEmptyLocalPart() {
        assertThat(MailboxParser.checkLocalPart("", true)).isEqualTo("empty-local-part");
    }

    @Test
    void sixtyFiveOctetLocalPartAloneIsTooLong() {
        assertThat(MailboxParser.checkLocalPart("a".repeat(65), true)).isEqualTo("local-part-too-long");
    }
}

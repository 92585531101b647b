package io.github.anonftp.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 5321 §4.1.3 address literals, including all four IPv6 forms and their group limits. */
class AddressLiteralTest {

    @ParameterizedTest(name = "{0} is valid")
    @CsvSource(delimiter = ';', value = {
        "[0.0.0.0]", "[255.255.255.255]", "[001.02.3.4]",
        "[IPv6:1:2:3:4:5:6:7:8]", "[IPv6:ffff:FFFF:abcd:ABCD:0:00:000:0000]",
        "[IPv6:::]", "[IPv6:::1]", "[IPv6:1::]", "[IPv6:1:2:3:4:5:6::]", "[IPv6:::1:2:3:4:5:6]",
        "[IPv6:1:2:3::4:5:6]", "[ipv6:2001:DB8::1]",
        "[IPv6:1:2:3:4:5:6:192.0.2.1]", "[IPv6:::192.0.2.1]", "[IPv6:1::192.0.2.1]",
        "[IPv6:1:2:3:4::192.0.2.1]", "[IPv6:::1:2:3:4:192.0.2.1]", "[IPv6:1:2::3:4:192.0.2.1]"})
    void validLiteralIsAccepted(String literal) {
        assertThat(AddressLiteral.isValid(literal)).isTrue();
    }

    @ParameterizedTest(name = "{0} is invalid")
    @CsvSource(delimiter = ';', value = {
        "192.0.2.1", "[192.0.2.1", "192.0.2.1]", "[]", "[256.0.0.0]", "[1.2.3]", "[1.2.3.4.5]", "[1.2.3.]",
        "[.1.2.3]", "[1.2.3.a]", "[0001.2.3.4]", "[+1.2.3.4]", "[١.2.3.4]",
        "[IPv6:1:2:3:4:5:6:7]", "[IPv6:1:2:3:4:5:6:7:8:9]", "[IPv6:1:2:3:4:5:6:7::]", "[IPv6:::1:2:3:4:5:6:7]",
        "[IPv6:1::2::3]", "[IPv6::::]", "[IPv6:1:::2]", "[IPv6::1]", "[IPv6:1:]", "[IPv6:12345::]",
        "[IPv6:g::]", "[IPv6:]", "[IPv6]", "[IPv6:1:2:3:4:5:192.0.2.1]", "[IPv6:1:2:3:4:5:6:7:192.0.2.1]",
        "[IPv6:1:2:3:4:5::192.0.2.1]", "[IPv6:::1:2:3:4:5:192.0.2.1]", "[IPv6:192.0.2.1]",
        "[IPv6::192.0.2.1]", "[IPv6:::192.0.2]", "[IPv6:::192.0.2.1:1]", "[IPv6:1.2::192.0.2.1]",
        "[IPv4:192.0.2.1]", "[foo:bar]", "[x-tag:anything]", "[IPv6:::1]]"})
    void invalidOrUnregisteredLiteralIsRejected(String literal) {
        assertThat(AddressLiteral.isValid(literal)).isFalse();
    }
}

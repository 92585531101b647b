package io.github.anonftp.ratelimit;

import static io.github.anonftp.ratelimit.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The literal parser against the JDK's reading of the same literals, and the forms it must refuse. */
class IpLiteralTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "::", "::1", "1::", "1:2:3:4:5:6:7:8", "1::8", "1:2:3:4:5:6::8", "1::3:4:5:6:7:8", "1:2:3:4:5:6:7::",
        "::2:3:4:5:6:7:8", "2001:DB8::AbCd", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0000:0000::0000",
        "::192.0.2.1", "::ffff:192.0.2.1", "1:2:3:4:5:6:192.0.2.1", "1::5:6:192.0.2.1", "64:ff9b::255.255.255.255",
        "fe80::0:0:1", "2001:db8:0:1:1:1:1:1"})
    void validIpv6LiteralReadsAsTheJdkReadsIt(String literal) {
        long[] bits = IpLiteral.parseIpv6(literal);

        ByteBuffer expected = ByteBuffer.wrap(sixteenBytes(literal));
        assertThat(bits).containsExactly(expected.getLong(), expected.getLong());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "", ":", ":::", "1:::2", "::1::", "1::2::3", ":1::", "::1:", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7:8::", "::1:2:3:4:5:6:7:8", "1:2:3:4::5:6:7:8", "12345::", "g::", "::-1", "::+1",
        "1:2:3:4:5:6:7:192.0.2.1", "1:2:3:4:5:192.0.2.1", "::192.0.2.1:1", "192.0.2.1::", "::192.0.2",
        "::1.2.3.04", "::256.0.0.0", "1:2:3:4:5:6:7:8:192.0.2.1", "::١", "::ｆ", "1 ::2"})
    void malformedIpv6LiteralIsRefused(String literal) {
        assertThat(IpLiteral.parseIpv6(literal)).isNull();
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({"0.0.0.0, 0", "255.255.255.255, 4294967295", "192.0.2.1, 3221225985", "10.0.0.10, 167772170"})
    void validIpv4LiteralReadsAsItsUnsignedValue(String literal, long value) {
        assertThat(IpLiteral.parseIpv4(literal)).isEqualTo(value);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "", ".", "1.2.3", "1.2.3.4.5", "256.0.0.0", "1.2.3.", ".1.2.3", "1..2.3", "01.2.3.4", "1.2.3.00",
        "0001.2.3.4", "+1.2.3.4", "1.2.3.-4", "1.2.3.4 ", "١.2.3.4", "2130706433", "0x7f.0.0.1", "1.2.3.1000"})
    void malformedIpv4LiteralIsRefused(String literal) {
        assertThat(IpLiteral.parseIpv4(literal)).isEqualTo(-1);
    }

    /** The JDK's 16 bytes; it folds IPv4-mapped text to 4 bytes, so those are widened back. */
    private static byte[] sixteenBytes(String literal) {
        byte[] bytes = ip(literal).getAddress();
        if (bytes.length == 16) {
            return bytes;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(bytes, 0, mapped, 12, 4);
        return mapped;
    }
}

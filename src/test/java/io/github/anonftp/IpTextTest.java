package io.github.anonftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpTextTest {

    @ParameterizedTest
    @CsvSource({
        "192.0.2.7, 192.0.2.7",
        "::1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "2001:0db8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "FE80:0:0:0:0:0:0:1, fe80::1",
    })
    void addressesAreWrittenCanonically(String literal, String text) throws Exception {
        assertThat(IpText.of(InetAddress.getByName(literal))).isEqualTo(text);
    }

    @Test
    void ipv4MappedAddressesAreWrittenAsIpv4() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 7};
        assertThat(IpText.of(Inet6Address.getByAddress(null, mapped, -1))).isEqualTo("192.0.2.7");
    }

    @ParameterizedTest
    @CsvSource({
        "192.0.2.77, 192.0.2.0",
        "2001:db8:1:2::5, 2001:db8:1::",
        "2001:db8:1:ff00::5, 2001:db8:1::",
        "::ffff:198.51.100.200, 198.51.100.0",
    })
    void networksKeepOnlyTheirPrefix(String literal, String text) throws Exception {
        assertThat(IpText.network(InetAddress.getByName(literal), 24, 48)).isEqualTo(text);
    }

    @Test
    void oddPrefixLengthsMaskInsideAGroup() throws Exception {
        assertThat(IpText.network(InetAddress.getByName("2001:db8:ffff::1"), 32, 36)).isEqualTo("2001:db8:f000::");
        assertThat(IpText.network(InetAddress.getByName("203.0.113.255"), 25, 64)).isEqualTo("203.0.113.128");
    }
}

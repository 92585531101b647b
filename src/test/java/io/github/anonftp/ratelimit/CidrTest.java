package io.github.anonftp.ratelimit;

import static io.github.anonftp.ratelimit.Addresses.ip;
import static io.github.anonftp.ratelimit.Addresses.mappedInet6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CIDR parsing, canonical text, every configuration error, and membership at the network's edges. */
class CidrTest {

    private static final String SETTING = "rateLimit.allowed";

    static Cidr cidr(String text) {
        return Cidr.parse(SETTING, text);
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = ';', value = {
        "192.0.2.0/24; 192.0.2.0/24; false; 24",
        "192.0.2.7; 192.0.2.7/32; false; 32",
        "0.0.0.0/0; 0.0.0.0/0; false; 0",
        "'  10.0.0.0/8 \t'; 10.0.0.0/8; false; 8",
        "255.255.255.255/32; 255.255.255.255/32; false; 32",
        "128.0.0.0/1; 128.0.0.0/1; false; 1",
        "10.0.0.0/08; 10.0.0.0/8; false; 8",
        "2001:db8::/32; 2001:db8::/32; true; 32",
        "2001:0DB8:0000::/32; 2001:db8::/32; true; 32",
        "2001:db8:0:0:1:0:0:0/80; 2001:db8:0:0:1::/80; true; 80",
        "2001:db8::1; 2001:db8::1/128; true; 128",
        "::/0; ::/0; true; 0",
        "::1; ::1/128; true; 128",
        "::; ::/128; true; 128",
        "fe80::/10; fe80::/10; true; 10",
        "::192.0.2.0/120; ::c000:200/120; true; 120",
        "64:ff9b::192.0.2.1; 64:ff9b::c000:201/128; true; 128",
        "::ffff:192.0.2.0/120; 192.0.2.0/24; false; 24",
        "::ffff:c000:200/120; 192.0.2.0/24; false; 24",
        "::ffff:192.0.2.7; 192.0.2.7/32; false; 32",
        "::ffff:0.0.0.0/96; 0.0.0.0/0; false; 0",
        "0:0:0:0:0:ffff:10.0.0.0/104; 10.0.0.0/8; false; 8"})
    void parsesToCanonicalNetwork(String text, String canonical, boolean ipv6, int length) {
        Cidr network = cidr(text);

        assertThat(network).hasToString(canonical);
        assertThat(network.isIpv6()).isEqualTo(ipv6);
        assertThat(network.prefixLength()).isEqualTo(length);
        assertThat(cidr(canonical)).isEqualTo(network).hasSameHashCodeAs(network);
    }

    @Test
    void networksAreComparedByValue() {
        assertThat(cidr("192.0.2.0/24")).isEqualTo(cidr("192.0.2.0/24"))
                .isNotEqualTo(cidr("192.0.2.0/25")).isNotEqualTo(cidr("192.0.3.0/24"))
                .isNotEqualTo(cidr("::c000:200/120")).isNotEqualTo(null).isNotEqualTo("192.0.2.0/24");
        assertThat(cidr("0.0.0.0/0")).isNotEqualTo(cidr("::/0"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = ';', value = {
        "10.1.2.3/8; a network address with its prefix length, such as 10.0.0.0/8 (host bits must be zero)",
        "192.0.2.1/24; a network address with its prefix length, such as 192.0.2.0/24 (host bits must be zero)",
        "0.0.0.1/0; a network address with its prefix length, such as 0.0.0.0/0 (host bits must be zero)",
        "2001:db8::1/32; a network address with its prefix length, such as 2001:db8::/32 (host bits must be zero)",
        "2001:db8:1:7::/61; a network address with its prefix length, such as 2001:db8:1::/61"
            + " (host bits must be zero)",
        "::1/0; a network address with its prefix length, such as ::/0 (host bits must be zero)",
        "::ffff:192.0.2.1/120; a network address with its prefix length, such as 192.0.2.0/24"
            + " (host bits must be zero)",
        "::ffff:0.0.0.0/95; a prefix length of at least 96 for an IPv4-mapped network,"
            + " such as ::ffff:192.0.2.0/120",
        "::ffff:0:0/80; a prefix length of at least 96 for an IPv4-mapped network, such as ::ffff:192.0.2.0/120",
        "10.0.0.0/33; a prefix length 0..32 after the \"/\", such as 192.0.2.0/24",
        "10.0.0.0/-1; a prefix length 0..32 after the \"/\", such as 192.0.2.0/24",
        "10.0.0.0/+8; a prefix length 0..32 after the \"/\", such as 192.0.2.0/24",
        "10.0.0.0/0008; a prefix length 0..32 after the \"/\", such as 192.0.2.0/24",
        "10.0.0.0/8/8; a prefix length 0..32 after the \"/\", such as 192.0.2.0/24",
        "10.0.0.0 /8; an IP address, not a host name (names are never looked up), such as 192.0.2.0/24",
        "1.2.3.4/; a prefix length 0..32 after the \"/\", such as 192.0.2.0/24",
        "1.2.3.4/x; a prefix length 0..32 after the \"/\", such as 192.0.2.0/24",
        "1.2.3.4/ 8; a prefix length 0..32 after the \"/\", such as 192.0.2.0/24",
        "2001:db8::/129; a prefix length 0..128 after the \"/\", such as 2001:db8::/32",
        "::ffff:10.0.0.0/129; a prefix length 0..128 after the \"/\", such as 2001:db8::/32",
        "example.com; an IP address, not a host name (names are never looked up), such as 192.0.2.0/24",
        "localhost/8; an IP address, not a host name (names are never looked up), such as 192.0.2.0/24",
        "cafe; an IP address, not a host name (names are never looked up), such as 192.0.2.0/24",
        "0x7f.0.0.1; an IP address, not a host name (names are never looked up), such as 192.0.2.0/24",
        "fe80::1%eth0; an IP address without a zone id (%...), such as fe80::/10",
        "fe80::%1/64; an IP address without a zone id (%...), such as fe80::/10",
        "[::1]; an IP address without brackets, such as ::1 or 2001:db8::/32",
        "[2001:db8::]/32; an IP address without brackets, such as ::1 or 2001:db8::/32",
        "'  '; an IP network such as 192.0.2.0/24 or 2001:db8::/32, or an IP address",
        "/8; an IP network such as 192.0.2.0/24 or 2001:db8::/32, or an IP address",
        "1.2.3; an IPv4 address of four decimal numbers 0..255 without leading zeros, such as 192.0.2.0/24",
        "1.2.3.4.5; an IPv4 address of four decimal numbers 0..255 without leading zeros, such as 192.0.2.0/24",
        "256.1.1.1; an IPv4 address of four decimal numbers 0..255 without leading zeros, such as 192.0.2.0/24",
        "1.2.3.; an IPv4 address of four decimal numbers 0..255 without leading zeros, such as 192.0.2.0/24",
        "1..2.3; an IPv4 address of four decimal numbers 0..255 without leading zeros, such as 192.0.2.0/24",
        "010.0.0.1; an IPv4 address of four decimal numbers 0..255 without leading zeros, such as 192.0.2.0/24",
        "2130706433; an IPv4 address of four decimal numbers 0..255 without leading zeros, such as 192.0.2.0/24",
        "2001:db8::1::1; an IPv6 address of eight groups of 1 to 4 hex digits with at most one \"::\","
            + " such as 2001:db8::/32",
        "1:2:3:4:5:6:7; an IPv6 address of eight groups of 1 to 4 hex digits with at most one \"::\","
            + " such as 2001:db8::/32",
        "1:2:3:4:5:6:7:8:9; an IPv6 address of eight groups of 1 to 4 hex digits with at most one \"::\","
            + " such as 2001:db8::/32",
        "2001:db8::g; an IPv6 address of eight groups of 1 to 4 hex digits with at most one \"::\","
            + " such as 2001:db8::/32",
        "::ffff:256.0.0.1; an IPv6 address of eight groups of 1 to 4 hex digits with at most one \"::\","
            + " such as 2001:db8::/32"})
    void badTextIsRefusedNamingSettingValueAndWhatIsExpected(String text, String expected) {
        assertThatThrownBy(() -> cidr(text))
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage(SETTING + ": \"" + text + "\" is not valid; expected " + expected);
    }

    @Test
    void missingTextIsRefused() {
        assertThatThrownBy(() -> cidr(null)).isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage(SETTING + ": no value given; a value is required");
    }

    @Test
    void controlCharactersInBadTextAreEscapedInTheMessage() {
        assertThatThrownBy(() -> cidr("10.0.0.0/8\n#"))
                .hasMessage(SETTING + ": \"10.0.0.0/8\\u000a#\" is not valid;"
                        + " expected a prefix length 0..32 after the \"/\", such as 192.0.2.0/24");
    }

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
        "192.0.2.0/24, 192.0.2.0, true", "192.0.2.0/24, 192.0.2.255, true", "192.0.2.0/24, 192.0.2.77, true",
        "192.0.2.0/24, 192.0.1.255, false", "192.0.2.0/24, 192.0.3.0, false",
        "10.0.0.0/8, 10.255.255.255, true", "10.0.0.0/8, 11.0.0.0, false", "10.0.0.0/8, 9.255.255.255, false",
        "192.0.2.8/29, 192.0.2.8, true", "192.0.2.8/29, 192.0.2.15, true", "192.0.2.8/29, 192.0.2.7, false",
        "192.0.2.8/29, 192.0.2.16, false",
        "128.0.0.0/1, 128.0.0.0, true", "128.0.0.0/1, 255.255.255.255, true", "128.0.0.0/1, 127.255.255.255, false",
        "192.0.2.7/32, 192.0.2.7, true", "192.0.2.7/32, 192.0.2.6, false", "192.0.2.7/32, 192.0.2.8, false",
        "127.0.0.0/8, 127.0.0.1, true",
        "0.0.0.0/0, 0.0.0.0, true", "0.0.0.0/0, 255.255.255.255, true", "0.0.0.0/0, 203.0.113.9, true",
        "0.0.0.0/0, ::1, false", "0.0.0.0/0, 2001:db8::1, false", "0.0.0.0/0, ::, false",
        "2001:db8::/32, 2001:db8::, true", "2001:db8::/32, 2001:db8:ffff:ffff:ffff:ffff:ffff:ffff, true",
        "2001:db8::/32, 2001:db7:ffff:ffff:ffff:ffff:ffff:ffff, false", "2001:db8::/32, 2001:db9::, false",
        "2001:db8::/32, 2001:dead::1, false",
        "2001:db8:1:2::/64, 2001:db8:1:2:ffff:ffff:ffff:ffff, true", "2001:db8:1:2::/64, 2001:db8:1:3::, false",
        "2001:db8:1:2::/64, 2001:db8:1:1:ffff:ffff:ffff:ffff, false",
        "2001:db8::100:0/104, 2001:db8::1ff:ffff, true", "2001:db8::100:0/104, 2001:db8::200:0, false",
        "2001:db8::100:0/104, 2001:db8::ff:ffff, false",
        "2001:db8::1/128, 2001:db8::1, true", "2001:db8::1/128, 2001:db9::1, false",
        "2001:db8::1/128, 2001:db8::, false", "2001:db8::1/128, 2001:db8::2, false",
        "2001:db8::1/128, 2001:db8:0:0:1::1, false",
        "::/0, ::, true", "::/0, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true", "::/0, ::1, true",
        "::/0, 0.0.0.0, false", "::/0, 127.0.0.1, false", "::/0, ::ffff:127.0.0.1, false",
        "::/1, 7fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, true", "::/1, 8000::, false",
        "::1/128, ::1, true", "::1/128, 127.0.0.1, false", "::/128, ::, true", "::/128, 0.0.0.0, false",
        "::ffff:192.0.2.0/120, 192.0.2.200, true", "::ffff:192.0.2.0/120, ::ffff:192.0.2.200, true",
        "::ffff:192.0.2.0/120, 192.0.3.0, false", "::ffff:192.0.2.0/120, ::192.0.2.200, false",
        "192.0.2.0/24, ::ffff:192.0.2.1, true", "192.0.2.0/24, ::192.0.2.1, false",
        "::192.0.2.0/120, ::192.0.2.1, true", "::192.0.2.0/120, 192.0.2.1, false"})
    void containsExactlyTheAddressesOfTheNetwork(String network, String address, boolean contained) {
        assertThat(cidr(network).contains(ip(address))).isEqualTo(contained);
    }

    @Test
    void containsFoldsARealMappedInet6Address() {
        assertThat(cidr("192.0.2.0/24").contains(mappedInet6(192, 0, 2, 7))).isTrue();
        assertThat(cidr("192.0.2.0/24").contains(mappedInet6(192, 0, 3, 7))).isFalse();
        assertThat(cidr("::ffff:192.0.2.0/120").contains(mappedInet6(192, 0, 2, 7))).isTrue();
        assertThat(cidr("::/0").contains(mappedInet6(192, 0, 2, 7))).isFalse();
        assertThat(cidr("0.0.0.0/0").contains(mappedInet6(192, 0, 2, 7))).isTrue();
    }

    @Test
    void unmaskedNetworkBugsOfMinaSubnetDoNotHappen() {
        assertThat(cidr("127.0.0.0/8").contains(ip("127.0.0.1"))).isTrue();
        assertThat(cidr("0.0.0.0/0").contains(ip("127.0.0.1"))).isTrue();
        assertThat(cidr("2001:db8::/32").contains(ip("2001:dead::1"))).isFalse();
        assertThat(cidr("2001:db8::1/128").contains(ip("2001:db9::1"))).isFalse();
        assertThat(cidr("2001:db8::1").prefixLength()).isEqualTo(128);
        assertThatThrownBy(() -> cidr("127.0.0.5/8")).hasMessageContaining("such as 127.0.0.0/8");
    }

    @Test
    void containsRefusesNull() {
        assertThatThrownBy(() -> cidr("::/0").contains(null)).isInstanceOf(IllegalArgumentException.class);
    }
}

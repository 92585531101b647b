package io.github.anonftp.ratelimit;

import static io.github.anonftp.ratelimit.Addresses.ip;
import static io.github.anonftp.ratelimit.Addresses.mappedInet6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keys the rate limiter counts by: masking, IPv4-mapped folding, RFC 5952 text, equality and hashing. */
class ClientKeyTest {

    static ClientKey key(String literal, int ipv4Length, int ipv6Length) {
        return ClientKey.of(ip(literal), ipv4Length, ipv6Length);
    }

    @Test
    void ipv4AddressIsItsOwnKeyAtSlash32() {
        ClientKey key = key("203.0.113.7", 32, 64);

        assertThat(key).hasToString("203.0.113.7");
        assertThat(key.isIpv6()).isFalse();
        assertThat(key.prefixLength()).isEqualTo(32);
        assertThat(key).isEqualTo(key("203.0.113.7", 32, 64)).isNotEqualTo(key("203.0.113.8", 32, 64));
    }

    @Test
    void ipv4AddressesOfOneSlash24ShareAKey() {
        ClientKey key = key("203.0.113.7", 24, 64);

        assertThat(key).hasToString("203.0.113.0/24").isEqualTo(key("203.0.113.99", 24, 64));
        assertThat(key).isNotEqualTo(key("203.0.114.7", 24, 64));
        assertThat(key.hashCode()).isEqualTo(key("203.0.113.99", 24, 64).hashCode());
    }

    @Test
    void sameBitsWithDifferentPrefixLengthsAreDifferentKeys() {
        assertThat(key("10.0.0.0", 8, 64)).isNotEqualTo(key("10.0.0.0", 16, 64));
        assertThat(key("2001:db8::", 32, 48)).isNotEqualTo(key("2001:db8::", 32, 64));
    }

    @Test
    void ipv6AddressesOfOneSlash64ShareAKey() {
        ClientKey key = key("2001:db8:1:2::1", 32, 64);

        assertThat(key).hasToString("2001:db8:1:2::/64");
        assertThat(key.isIpv6()).isTrue();
        assertThat(key.prefixLength()).isEqualTo(64);
        assertThat(key).isEqualTo(key("2001:db8:1:2:ffff::9", 32, 64));
        assertThat(key.hashCode()).isEqualTo(key("2001:db8:1:2:ffff::9", 32, 64).hashCode());
        assertThat(key).isNotEqualTo(key("2001:db8:1:3::1", 32, 64));
    }

    @ParameterizedTest(name = "/{1}: {0} and {2} share {4}, {3} does not")
    @CsvSource({
        "2001:db8:1:2::1, 48, 2001:db8:1:ffff:1::, 2001:db8:2::1, 2001:db8:1::/48",
        "2001:db8:1:2::1, 56, 2001:db8:1:ff::, 2001:db8:1:100::, 2001:db8:1::/56",
        "2001:db8:1:2::1, 32, 2001:db8:ffff::1, 2001:db9::1, 2001:db8::/32",
        "2001:db8:1:2::1, 61, 2001:db8:1:7:ffff::, 2001:db8:1:8::, 2001:db8:1::/61",
        "2001:db8:1:fff9::1, 61, 2001:db8:1:ffff::, 2001:db8:1:fff7::, 2001:db8:1:fff8::/61",
        "2001:db8:1:2::1, 1, 7fff::, 8000::, ::/1",
        "fe80::1, 127, fe80::, fe80::2, fe80::/127",
        "2001:db8::1:2:3:4, 100, 2001:db8::1:2:fff:ffff, 2001:db8::1:2:1000:0, 2001:db8::1:2:0:0/100"})
    void ipv6AddressesAreMaskedToThePrefixLength(String address, int length, String sameKey, String otherKey,
            String text) {
        ClientKey key = key(address, 32, length);

        assertThat(key).hasToString(text).isEqualTo(key(sameKey, 32, length)).isNotEqualTo(key(otherKey, 32, length));
        assertThat(key.prefixLength()).isEqualTo(length);
    }

    @ParameterizedTest(name = "/{1}: {0} is {2}")
    @CsvSource({
        "203.0.113.255, 1, 128.0.0.0/1",
        "203.0.113.255, 8, 203.0.0.0/8",
        "203.0.113.255, 23, 203.0.112.0/23",
        "203.0.113.255, 31, 203.0.113.254/31",
        "127.0.0.5, 8, 127.0.0.0/8"})
    void ipv4AddressesAreMaskedToThePrefixLength(String address, int length, String text) {
        assertThat(key(address, length, 64)).hasToString(text);
    }

    @Test
    void eachIpv6AddressIsItsOwnKeyAtSlash128() {
        ClientKey key = key("2001:db8::1", 32, 128);

        assertThat(key).hasToString("2001:db8::1").isNotEqualTo(key("2001:db8::2", 32, 128));
        assertThat(key.prefixLength()).isEqualTo(128);
    }

    @Test
    void loopbackIpv6IsAnIpv6Key() {
        assertThat(key("::1", 32, 128)).hasToString("::1");
        assertThat(key("::1", 32, 64)).hasToString("::/64").isNotEqualTo(key("127.0.0.1", 32, 64));
        assertThat(key("::1", 32, 64).isIpv6()).isTrue();
    }

    @Test
    void mappedInet6AddressFoldsToItsIpv4Address() {
        InetAddress mapped = mappedInet6(192, 0, 2, 7);
        assertThat(mapped).isInstanceOf(Inet6Address.class);

        ClientKey key = ClientKey.of(mapped, 32, 64);

        assertThat(key).isEqualTo(key("192.0.2.7", 32, 64)).hasToString("192.0.2.7");
        assertThat(key.isIpv6()).isFalse();
        assertThat(key.hashCode()).isEqualTo(key("192.0.2.7", 32, 64).hashCode());
        assertThat(ClientKey.of(mapped, 24, 64)).isEqualTo(key("192.0.2.200", 24, 64));
    }

    @Test
    void mappedTextFoldsToItsIpv4AddressToo() {
        InetAddress parsed = ip("::ffff:192.0.2.7");
        assertThat(parsed).isInstanceOf(Inet4Address.class);

        assertThat(ClientKey.of(parsed, 32, 64)).isEqualTo(ClientKey.of(mappedInet6(192, 0, 2, 7), 32, 64));
    }

    @Test
    void ipv4CompatibleAddressStaysIpv6() {
        ClientKey key = key("::192.0.2.7", 32, 128);

        assertThat(key.isIpv6()).isTrue();
        assertThat(key).hasToString("::c000:207").isNotEqualTo(key("192.0.2.7", 32, 128));
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
        "2001:db8:0:0:0:0:0:1, 2001:db8::1",
        "2001:DB8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:0:0:1:0:0:0:0, 2001:0:0:1::",
        "2001:0:0:1:1:0:0:1, 2001::1:1:0:0:1",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "1:0:0:0:0:0:0:0, 1::",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:db8:aaaa:bbbb:cccc:dddd:eeee:0, 2001:db8:aaaa:bbbb:cccc:dddd:eeee:0",
        "0:1:0:1:0:1:0:1, 0:1:0:1:0:1:0:1",
        "fe80:0:0:0:0:0:0:00a, fe80::a",
        "2001:0db8:0001:0000:0000:0ab9:c0a8:0102, 2001:db8:1::ab9:c0a8:102",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"})
    void ipv6TextIsRfc5952Canonical(String address, String text) {
        assertThat(key(address, 32, 128)).hasToString(text);
    }

    @ParameterizedTest(name = "ipv4PrefixLength {0}, ipv6PrefixLength {1}")
    @CsvSource({"0, 64, ipv4PrefixLength is 0; expected 1..32", "33, 64, ipv4PrefixLength is 33; expected 1..32",
        "32, 0, ipv6PrefixLength is 0; expected 1..128", "32, 129, ipv6PrefixLength is 129; expected 1..128",
        "-1, 64, ipv4PrefixLength is -1; expected 1..32"})
    void prefixLengthOutOfRangeIsRefused(int ipv4Length, int ipv6Length, String message) {
        assertThatThrownBy(() -> ClientKey.of(ip("192.0.2.1"), ipv4Length, ipv6Length))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void nullAddressIsRefused() {
        assertThatThrownBy(() -> ClientKey.of(null, 32, 64))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("address is null");
    }

    @Test
    void keyIsNotEqualToOtherTypesOrNull() {
        ClientKey key = key("192.0.2.1", 32, 64);

        assertThat(key).isNotEqualTo(null).isNotEqualTo("192.0.2.1").isEqualTo(key);
    }

    @Test
    void millionDistinctIpv4KeysFitInAHashMap() {
        Map<ClientKey, Integer> counts = new HashMap<>();
        for (int i = 0; i < 1_000_000; i++) {
            byte[] bytes = {10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
            counts.merge(ClientKey.of(ip(bytes), 32, 64), 1, Integer::sum);
        }

        assertThat(counts).hasSize(1_000_000);
        assertThat(counts.get(key("10.15.66.63", 32, 64))).isEqualTo(1);
        assertThat(counts.get(key("10.15.66.64", 32, 64))).isNull();
    }

    @Test
    void manyIpv6NetworksGiveManyHashCodes() {
        Map<Integer, Integer> hashes = new HashMap<>();
        for (int i = 0; i < 65_536; i++) {
            byte[] bytes = new byte[16];
            bytes[0] = 0x20;
            bytes[1] = 0x01;
            bytes[6] = (byte) (i >>> 8);
            bytes[7] = (byte) i;
            bytes[15] = 1;
            hashes.merge(ClientKey.of(ip(bytes), 32, 64).hashCode(), 1, Integer::sum);
        }

        assertThat(hashes.size()).isGreaterThan(65_000);
    }
}

package io.github.anonftp.ratelimit;

import static io.github.anonftp.ratelimit.CidrTest.cidr;
import static io.github.anonftp.ratelimit.Addresses.ip;
import static io.github.anonftp.ratelimit.Addresses.mappedInet6;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sets of networks: mixed families, overlaps, duplicates, large sets and configuration errors. */
class CidrSetTest {

    private static final String SETTING = "rateLimit.allowed";

    private static final CidrSet MIXED = CidrSet.parse(SETTING,
            List.of("192.0.2.0/24", "10.0.0.0/8", "203.0.113.7", "2001:db8::/32", "2001:db8:1:2::/64", "::1"));

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "192.0.2.0, true", "192.0.2.255, true", "192.0.3.0, false", "10.200.0.1, true", "11.0.0.0, false",
        "203.0.113.7, true", "203.0.113.8, false", "::ffff:203.0.113.7, true", "127.0.0.1, false",
        "2001:db8:ffff::1, true", "2001:db8:1:2::9, true", "2001:db9::, false", "2001:dead::1, false",
        "::1, true", "::2, false", "::ffff:127.0.0.1, false", "::, false"})
    void mixedFamiliesAreEachMatchedByTheirOwnNetworks(String address, boolean contained) {
        assertThat(MIXED.contains(ip(address))).isEqualTo(contained);
    }

    @Test
    void mappedInet6AddressMatchesIpv4Networks() {
        assertThat(MIXED.contains(mappedInet6(192, 0, 2, 1))).isTrue();
        assertThat(MIXED.contains(mappedInet6(192, 0, 3, 1))).isFalse();
        assertThat(CidrSet.parse(SETTING, List.of("::/0")).contains(mappedInet6(192, 0, 2, 1))).isFalse();
    }

    @Test
    void networksAreKeptInOrderWithTheirCanonicalText() {
        CidrSet set = CidrSet.parse(SETTING, List.of("2001:DB8::/32", " 192.0.2.0/24", "::ffff:10.0.0.0/104"));

        assertThat(set.networks()).containsExactly(cidr("2001:db8::/32"), cidr("192.0.2.0/24"), cidr("10.0.0.0/8"));
        assertThat(set).hasToString("[2001:db8::/32, 192.0.2.0/24, 10.0.0.0/8]");
        assertThat(set.isEmpty()).isFalse();
    }

    @Test
    void overlappingNetworksAreAllKeptAndAllMatch() {
        CidrSet set = CidrSet.parse(SETTING, List.of("10.0.0.0/8", "10.1.0.0/16", "10.1.2.3", "0.0.0.0/0"));

        assertThat(set).hasToString("[10.0.0.0/8, 10.1.0.0/16, 10.1.2.3/32, 0.0.0.0/0]");
        assertThat(set.contains(ip("10.1.2.3"))).isTrue();
        assertThat(set.contains(ip("192.0.2.1"))).isTrue();
        assertThat(set.contains(ip("::1"))).isFalse();
    }

    @Test
    void duplicatesAreKeptOnce() {
        CidrSet set = CidrSet.parse(SETTING, List.of("192.0.2.0/24", "2001:db8::/32", "192.0.2.0/24",
                "::ffff:192.0.2.0/120", "2001:0db8:0::/32"));

        assertThat(set.networks()).containsExactly(cidr("192.0.2.0/24"), cidr("2001:db8::/32"));
        assertThat(set.contains(ip("192.0.2.9"))).isTrue();
        assertThat(set.distinctPrefixLengths()).isEqualTo(2);
    }

    @Test
    void emptySetContainsNothing() {
        assertThat(CidrSet.EMPTY.isEmpty()).isTrue();
        assertThat(CidrSet.EMPTY.networks()).isEmpty();
        assertThat(CidrSet.EMPTY).hasToString("[]");
        assertThat(CidrSet.EMPTY.contains(ip("0.0.0.0"))).isFalse();
        assertThat(CidrSet.EMPTY.contains(ip("::"))).isFalse();
        assertThat(CidrSet.parse(SETTING, List.of())).isSameAs(CidrSet.EMPTY);
        assertThat(CidrSet.of(List.of())).isSameAs(CidrSet.EMPTY);
    }

    @Test
    void tenThousandEntriesOfTwoLengthsProbeTwoHashSets() {
        List<Cidr> networks = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            networks.add(Cidr.parse(SETTING, "10." + (i >> 8) + "." + (i & 0xff) + ".1"));
            networks.add(Cidr.parse(SETTING, "2001:db8:" + Integer.toHexString(i) + ":1::/64"));
        }
        CidrSet set = CidrSet.of(networks);

        assertThat(set.networks()).hasSize(10_000);
        assertThat(set.distinctPrefixLengths()).isEqualTo(2);
        for (int i = 0; i < 5_000; i++) {
            String hex = Integer.toHexString(i);
            assertThat(set.contains(ip("10." + (i >> 8) + "." + (i & 0xff) + ".1"))).isTrue();
            assertThat(set.contains(ip("10." + (i >> 8) + "." + (i & 0xff) + ".2"))).isFalse();
            assertThat(set.contains(ip("2001:db8:" + hex + ":1:dead:beef:1:2"))).isTrue();
            assertThat(set.contains(ip("2001:db8:" + hex + ":2::1"))).isFalse();
        }
        assertThat(set.contains(ip("10.19.136.1"))).isFalse();
        assertThat(set.contains(ip("2001:db8:1388:1::1"))).isFalse();
    }

    @Test
    void answersAsCheckingEachNetworkInTurnWould() {
        Random random = new Random(1635);
        List<Cidr> networks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            networks.add(randomNetwork(random));
        }
        CidrSet set = CidrSet.of(networks);

        int[] answers = new int[2];
        for (int i = 0; i < 20_000; i++) {
            InetAddress address = i % 2 == 0 ? randomAddress(random, networks) : randomAddress(random, null);
            boolean expected = networks.stream().anyMatch(network -> network.contains(address));
            assertThat(set.contains(address)).as("%s in %s", address, set).isEqualTo(expected);
            answers[expected ? 1 : 0]++;
        }
        assertThat(answers[0]).as("addresses outside").isGreaterThan(2_000);
        assertThat(answers[1]).as("addresses inside").isGreaterThan(2_000);
    }

    /** A network of a length that often splits a byte or group, in a small space so that addresses hit it. */
    private static Cidr randomNetwork(Random random) {
        InetAddress address = randomAddress(random, null);
        boolean ipv6 = address.getAddress().length == 16;
        int length = ipv6 ? 112 + random.nextInt(17) : 16 + random.nextInt(17);
        return Cidr.enclosing(IpAddresses.bits(address), length);
    }

    /** An address near one of {@code networks} (when given), or from a small IPv4 or IPv6 range. */
    private static InetAddress randomAddress(Random random, List<Cidr> networks) {
        byte[] bytes = new byte[random.nextBoolean() ? 4 : 16];
        if (networks != null) {
            String text = networks.get(random.nextInt(networks.size())).toString();
            bytes = ip(text.substring(0, text.indexOf('/'))).getAddress();
        } else if (bytes.length == 16) {
            bytes[0] = 0x20;
            bytes[1] = 0x01;
        } else {
            bytes[0] = (byte) 198;
        }
        bytes[bytes.length - 1 - random.nextInt(3)] ^= (byte) random.nextInt(256);
        return ip(bytes);
    }

    @Test
    void badEntryIsNamedWithTheSetting() {
        assertThatThrownBy(() -> CidrSet.parse(SETTING, List.of("192.0.2.0/24", "example.com", "10.1.2.3/8")))
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("rateLimit.allowed: \"example.com\" is not valid; expected an IP address, not a host name"
                        + " (names are never looked up), such as 192.0.2.0/24");
        assertThatThrownBy(() -> CidrSet.parse("rateLimit.exempt", List.of("10.1.2.3/8")))
                .hasMessage("rateLimit.exempt: \"10.1.2.3/8\" is not valid; expected a network address with its"
                        + " prefix length, such as 10.0.0.0/8 (host bits must be zero)");
    }

    @Test
    void missingListOrEntryIsRefused() {
        assertThatThrownBy(() -> CidrSet.parse(SETTING, null))
                .hasMessage("rateLimit.allowed: no value given; a value is required");
        assertThatThrownBy(() -> CidrSet.parse(SETTING, Arrays.asList("192.0.2.0/24", null)))
                .hasMessage("rateLimit.allowed: no value given; a value is required");
        assertThatThrownBy(() -> CidrSet.of(Arrays.asList(cidr("::/0"), null)))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void containsRefusesNull() {
        assertThatThrownBy(() -> MIXED.contains(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void laterChangesToTheGivenListDoNotChangeTheSet() {
        List<Cidr> networks = new ArrayList<>(List.of(cidr("192.0.2.0/24")));
        CidrSet set = CidrSet.of(networks);
        networks.add(cidr("0.0.0.0/0"));

        assertThat(set.contains(ip("203.0.113.1"))).isFalse();
        assertThat(set.networks()).containsExactly(cidr("192.0.2.0/24"));
        assertThatThrownBy(() -> set.networks().add(cidr("::/0"))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void setsOfTheSameNetworksAreEqualInAnyOrderSoConfigurationsCompareByValue() {
        CidrSet reordered = CidrSet.parse(SETTING, List.of("::1", "2001:db8:1:2::/64", "2001:db8::/32",
                "203.0.113.7", "10.0.0.0/8", "192.0.2.0/24", "10.0.0.0/8"));
        assertThat(reordered).isEqualTo(MIXED).hasSameHashCodeAs(MIXED);
        assertThat(CidrSet.parse(SETTING, List.of("10.0.0.0/8"))).isNotEqualTo(CidrSet.parse(SETTING,
                List.of("10.0.0.0/16"))).isNotEqualTo(CidrSet.EMPTY);
    }
}

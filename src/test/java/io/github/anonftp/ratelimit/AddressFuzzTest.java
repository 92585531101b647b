package io.github.anonftp.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.apache.ftpserver.FtpServerConfigurationException;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.anonftp.IpText;
import io.github.anonftp.Settings;

/**
 * Fuzzes the IP literal and CIDR parsers: never an unexpected exception, a configuration error naming the setting
 * in one printable line, and round trips (an address's canonical text parses back to it; a network's text parses
 * back to itself). Regression inputs live in {@code src/test/resources/io/github/anonftp/ratelimit/AddressFuzzTestInputs/}.
 */
class AddressFuzzTest {

    @FuzzTest(maxDuration = "2m")
    void ipLiteralsParseBackFromTheirCanonicalText(FuzzedDataProvider data) throws UnknownHostException {
        String text = data.consumeRemainingAsString();
        long ipv4 = IpLiteral.parseIpv4(text);
        if (ipv4 >= 0) {
            // Leading zeros are refused, so a dotted quad that parses is already canonical.
            assertThat(IpText.ipv4(ipv4)).isEqualTo(text);
        }
        long[] ipv6 = IpLiteral.parseIpv6(text);
        if (ipv6 != null) {
            String canonical = IpText.ipv6(ipv6[0], ipv6[1]);
            long[] again = IpLiteral.parseIpv6(canonical);
            assertThat(again).as("%s → %s", text, canonical).containsExactly(ipv6[0], ipv6[1]);
            byte[] bytes = new byte[16];
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (ipv6[0] >>> (56 - 8 * i));
                bytes[8 + i] = (byte) (ipv6[1] >>> (56 - 8 * i));
            }
            InetAddress address = InetAddress.getByAddress(bytes); // no name service: bytes only
            if (address.getAddress().length == 16) {
                assertThat(IpText.of(address)).isEqualTo(canonical);
            }
        }
    }

    @FuzzTest(maxDuration = "2m")
    void aNetworksTextParsesBackToItself(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Cidr network;
        try {
            network = Cidr.parse("rateLimit.deniedNetworks", text);
        } catch (FtpServerConfigurationException e) {
            assertThat(e.getMessage()).startsWith("rateLimit.deniedNetworks: ");
            assertOneLine(e.getMessage());
            return;
        }
        Cidr again = Cidr.parse("rateLimit.deniedNetworks", network.toString());
        assertThat(again).isEqualTo(network);
        assertThat(again.toString()).isEqualTo(network.toString());
        assertThat(network.prefixLength()).isBetween(0, network.isIpv6() ? 128 : 32);
    }

    @FuzzTest(maxDuration = "2m")
    void aNetworkListParsesOrFailsWithItsSetting(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            CidrSet set = CidrSet.parse("rateLimit.allowedNetworks", Settings.parseList("rateLimit.allowedNetworks", text));
            String shown = set.toString().replaceAll("[\\[\\]]", "");
            assertThat(CidrSet.parse("rateLimit.allowedNetworks", Settings.parseList("rateLimit.allowedNetworks", shown)))
                    .hasToString(set.toString());
        } catch (FtpServerConfigurationException e) {
            assertThat(e.getMessage()).startsWith("rateLimit.allowedNetworks: ");
            assertOneLine(e.getMessage());
        }
    }

    static void assertOneLine(String message) {
        assertThat(message.chars().noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029))
                .as("no control character in %s", message).isTrue();
    }
}

package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PrivacyTest {

    private static final String SECRET = "correct horse battery";
    private static final String ADDRESS = "jane.doe@Example.org";

    private static Privacy addresses(AddressPrivacy mode) {
        return Privacy.of(mode, IpPrivacy.FULL, SECRET);
    }

    private static Privacy ips(IpPrivacy mode) {
        return Privacy.of(AddressPrivacy.FULL, mode, SECRET);
    }

    @Test
    void fullKeepsEverything() {
        AccessEvent login = Events.guestLogin(ADDRESS);
        assertThat(Privacy.of(AddressPrivacy.FULL, IpPrivacy.FULL, null).apply(login)).isSameAs(login);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "jane.doe@Example.org | j***@example.org",
        "J@EXAMPLE.ORG | J***@example.org",
        "\"a@b\"@Mail.Example.org | \"***@mail.example.org",
        "@example.org | ***@example.org",
        "jane@ | j***@",
        "no-at-sign | ***",
        "\uD83D\uDE00x@example.org | \uD83D\uDE00***@example.org",
    })
    void maskKeepsTheFirstCharacterAndTheDomainAfterTheLastAtSign(String address, String masked) {
        assertThat(addresses(AddressPrivacy.MASK).address(address)).isEqualTo(masked);
    }

    @Test
    void maskKeepsAnEmptyAddressEmpty() {
        assertThat(addresses(AddressPrivacy.MASK).address("")).isEmpty();
        assertThat(addresses(AddressPrivacy.MASK).address(null)).isNull();
    }

    @Test
    void hmacIsAPrefixedKeyedHashOfTheAddress() {
        assertThat(addresses(AddressPrivacy.HMAC).address(ADDRESS)).isEqualTo("h:qVbsZZHyuRYqYHgtdvz-qR");
        assertThat(Privacy.of(AddressPrivacy.HMAC, IpPrivacy.FULL, "another secret value").address(ADDRESS))
                .isEqualTo("h:4S95ZzJe_AK_HcGkLPGEf2");
    }

    @Test
    void hashesAreStableForOneSecretAndDifferForAnother() {
        Privacy first = addresses(AddressPrivacy.HMAC);
        Privacy restarted = addresses(AddressPrivacy.HMAC);
        Privacy other = Privacy.of(AddressPrivacy.HMAC, IpPrivacy.HMAC, "a different secret!");
        assertThat(restarted.address(ADDRESS)).isEqualTo(first.address(ADDRESS));
        assertThat(other.address(ADDRESS)).isNotEqualTo(first.address(ADDRESS));
        assertThat(first.address("jane.doe@example.org")).isNotEqualTo(first.address(ADDRESS));
    }

    @Test
    void dropRemovesTheAddress() {
        assertThat(addresses(AddressPrivacy.DROP).address(ADDRESS)).isNull();
        assertThat(addresses(AddressPrivacy.DROP).address("")).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "192.0.2.77, 192.0.2.0",
        "2001:db8:1:2::5, 2001:db8:1::",
        "::1, ::",
        "::ffff:198.51.100.200, 198.51.100.0",
    })
    void truncateKeepsTheNetwork(String ip, String network) {
        assertThat(ips(IpPrivacy.TRUNCATE).ipText(ip)).isEqualTo(network);
    }

    @ParameterizedTest
    @CsvSource({"localhost", "example.org", "192.0.2.300", "010.0.0.1", "1.2.3", ".::1", "fe80::1%eth0", "1:2"})
    void truncateNeverResolvesOrWritesTextThatIsNoLiteral(String text) {
        assertThat(ips(IpPrivacy.TRUNCATE).ipText(text)).isEqualTo("-");
    }

    @Test
    void hmacHashesTheIp() {
        assertThat(ips(IpPrivacy.HMAC).ipText("192.0.2.7")).isEqualTo("h:gRwVjS1nX4eZMKNVdKeJPQ");
    }

    @Test
    void emptyIpsStayEmpty() {
        assertThat(ips(IpPrivacy.HMAC).ipText("")).isEmpty();
        assertThat(ips(IpPrivacy.TRUNCATE).ipText("")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "192.0.2.7, 192.0.2.0/24",
        "203.0.113.0/22, 203.0.112.0/22",
        "198.51.100.128/25, 198.51.100.0/24",
        "2001:db8:1:2::/64, 2001:db8:1::/48",
        "2001:db8::/32, 2001:db8::/32",
        "2001:db8::1, 2001:db8::/48",
        "2001:db8::/x, -",
    })
    void truncateKeepsTheShorterPrefixOfAKey(String key, String truncated) {
        assertThat(ips(IpPrivacy.TRUNCATE).clientKey(key)).isEqualTo(truncated);
    }

    @Test
    void hmacHashesTheKey() {
        assertThat(ips(IpPrivacy.HMAC).clientKey("2001:db8:1:2::/64")).isEqualTo("h:8WhOz8trJmAMTD-_wgJibg");
    }

    @Test
    void applyMapsAddressIpAndKeyAndKeepsTheRest() {
        Privacy privacy = Privacy.of(AddressPrivacy.MASK, IpPrivacy.TRUNCATE, null);
        AccessEvent login = privacy.apply(Events.guestLogin(ADDRESS));
        assertThat(login.email()).isEqualTo("j***@example.org");
        assertThat(login.ip()).isEqualTo("192.0.2.0");
        assertThat(login.user()).isEqualTo("anonymous");
        assertThat(login.reply()).isEqualTo(230);
        assertThat(login.timestamp()).isEqualTo(Events.TS);
        assertThat(privacy.apply(Events.ban("192.0.2.7")).key()).isEqualTo("192.0.2.0/24");
    }

    static Stream<Arguments> privateModes() {
        return Stream.of(AddressPrivacy.MASK, AddressPrivacy.HMAC, AddressPrivacy.DROP)
                .flatMap(a -> Stream.of(IpPrivacy.TRUNCATE, IpPrivacy.HMAC).map(ip -> Arguments.of(a, ip)));
    }

    @ParameterizedTest
    @MethodSource("privateModes")
    void theRawAddressAndIpSurviveInNoFieldAndNoLine(AddressPrivacy addressMode, IpPrivacy ipMode) {
        Privacy privacy = Privacy.of(addressMode, ipMode, SECRET);
        List<AccessLogFormat> formats = List.of(new JsonLinesFormat(256), new XferlogFormat(256, ZoneOffset.UTC));
        AccessEvent logout = Events.of(EventType.LOGOUT).durationMs(5L).account("anonymous").email(ADDRESS).build();
        for (AccessEvent raw : List.of(Events.guestLogin(ADDRESS), Events.guestDownload(ADDRESS), logout)) {
            AccessEvent event = privacy.apply(raw);
            assertThat(event.email()).isNotEqualTo(ADDRESS);
            assertThat(event.toString()).doesNotContain("jane.doe", "192.0.2.7");
            for (AccessLogFormat format : formats) {
                String line = format.format(event);
                if (line != null) {
                    assertThat(line).doesNotContain("jane.doe", "192.0.2.7");
                }
            }
        }
    }

    @Test
    void hmacWithoutALongEnoughSecretIsRefused() {
        assertThatThrownBy(() -> Privacy.of(AddressPrivacy.HMAC, IpPrivacy.FULL, "too short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("HMAC privacy needs a secret of at least 16 characters");
        assertThatThrownBy(() -> Privacy.of(AddressPrivacy.FULL, IpPrivacy.HMAC, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theConfigsModesAndSecretAreUsed() {
        AccessLogConfig config = AccessLogConfig.builder().addressPrivacy("hmac").ipPrivacy("truncate")
                .privacySecret(SECRET).build();
        AccessEvent event = Privacy.of(config).apply(Events.guestLogin(ADDRESS));
        assertThat(event.email()).isEqualTo("h:qVbsZZHyuRYqYHgtdvz-qR");
        assertThat(event.ip()).isEqualTo("192.0.2.0");
    }

    @Test
    void theSecretIsNeverShown() {
        assertThat(Privacy.of(AddressPrivacy.HMAC, IpPrivacy.HMAC, SECRET))
                .hasToString("Privacy[address=HMAC, ip=HMAC]");
    }

    @Test
    void hashesAgreeAcrossThreads() throws Exception {
        Privacy privacy = addresses(AddressPrivacy.HMAC);
        String other = privacy.address("x@example.org");
        AtomicInteger wrong = new AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    boolean even = i % 2 == 0;
                    String hash = privacy.address(even ? "x@example.org" : ADDRESS);
                    if (!hash.equals(even ? other : "h:qVbsZZHyuRYqYHgtdvz-qR")) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(wrong).hasValue(0);
    }
}

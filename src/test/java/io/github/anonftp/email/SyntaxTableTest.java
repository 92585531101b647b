package io.github.anonftp.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Addresses at every strictness level: the exact kind and reason of each. */
class SyntaxTableTest {

    private static final String NC = "accept not-checked";
    private static final String OK = "accept ok";

    private static final String LOCAL_64 = "a".repeat(64);
    private static final String DOMAIN_189 = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(61);

    /** Input, then the expected outcome at OFF, TRIVIAL and RFC5321. */
    private static List<Object[]> rows() {
        List<Object[]> rows = new ArrayList<>();
        valid(rows);
        invalidLocalParts(rows);
        invalidDomains(rows);
        invalidLiterals(rows);
        lengths(rows);
        controlsAndBlanks(rows);
        structure(rows);
        return rows;
    }

    private static void valid(List<Object[]> rows) {
        for (String address : List.of("user@example.com", "first.last@sub.example.org", "\"john doe\"@example.org",
                "\"a@b\"@example.org", "\"a\\\"b\"@example.org", "\"\"@example.org", "user+tag@example.org",
                "!#$%&'*+-/=?^_`{|}~@example.org", "x@[192.0.2.1]", "x@[IPv6:2001:db8::1]", "x@[IPv6:::1]",
                "x@[ipv6:::1]", "x@[IPv6:1:2:3:4:5:6:7:8]", "x@[IPv6:2001:db8:0:0:0:0:192.0.2.1]",
                "x@[IPv6:::ffff:192.0.2.1]", "user@localhost", "user@1.2.3.4", "用户@例子.广告",
                "jörg@bücher.example", "\"jörg\"@example.org", "😀@example.org", "user@xn--bcher-kva.example",
                LOCAL_64 + "@example.com", LOCAL_64 + "@" + DOMAIN_189)) {
            rows.add(new Object[] {address, NC, OK, OK});
        }
    }

    private static void invalidLocalParts(List<Object[]> rows) {
        for (String address : List.of("us..er@example.com", ".user@example.com", "user.@example.com",
                "a@b@example.com", "\"unterminated@example.com", "\"a\"b@example.com", "a\"b\"@example.com",
                "\"a\\\"@example.com", "us(er)@example.com", "us\u2028er@example.com", "us\ud800er@example.com",
                "us,er@example.com", "us[er@example.com")) {
            rows.add(new Object[] {address, NC, OK, "reject invalid-local-part"});
        }
        rows.add(new Object[] {"\"tab\there\"@example.org", NC, "reject control-character",
            "reject invalid-local-part"});
    }

    private static void invalidDomains(List<Object[]> rows) {
        for (String address : List.of("user@-example.com", "user@example-.com", "user@exa_mple.com",
                "user@example.com.", "user@.example.com", "user@exa..mple.com", "user@exa/mple.com",
                "user@例子。广告", "user@\u2028.example", "user@example.com]")) {
            rows.add(new Object[] {address, NC, OK, "reject invalid-domain"});
        }
    }

    private static void invalidLiterals(List<Object[]> rows) {
        for (String address : List.of("user@[300.1.1.1]", "user@[1.2.3]", "user@[1.2.3.4.5]", "user@[1..2.3]",
                "user@[1234.1.1.1]", "user@[IPv6:2001:db8::1::2]", "user@[IPv6:1:2:3:4:5:6:7:8:9]",
                "user@[IPv6:1:2:3:4:5:6:7]", "user@[IPv6:1:2:3:4:5:6:7::]", "user@[IPv6:12345::1]",
                "user@[IPv6:1:::2]", "user@[IPv6:g::1]", "user@[IPv6:]", "user@[IPv6:1:2:3:4:5::192.0.2.1]",
                "user@[IPv6:1:2:3:4:5:192.0.2.1]", "user@[IPv6:::ffff:192.0.2]", "user@[foo:bar]",
                "user@[]", "user@[192.0.2.1")) {
            rows.add(new Object[] {address, NC, OK, "reject invalid-address-literal"});
        }
    }

    private static void lengths(List<Object[]> rows) {
        rows.add(new Object[] {"a".repeat(65) + "@example.com", NC, OK, "reject local-part-too-long"});
        rows.add(new Object[] {"ü".repeat(33) + "@example.com", NC, OK, "reject local-part-too-long"});
        rows.add(new Object[] {"user@" + "a".repeat(64) + ".com", NC, OK, "reject label-too-long"});
        rows.add(new Object[] {"user@" + "ü".repeat(32) + ".example", NC, OK, "reject label-too-long"});
        rows.add(new Object[] {"u@" + ("a".repeat(63) + ".").repeat(4) + "com", NC, OK,
            "reject domain-too-long"});
        rows.add(new Object[] {LOCAL_64 + "@" + DOMAIN_189 + "d", NC, OK, "reject address-too-long"});
        String tooLong = "reject too-long";
        rows.add(new Object[] {"a".repeat(1000), tooLong, tooLong, tooLong});
        rows.add(new Object[] {"a".repeat(501) + "@example.com", tooLong, tooLong, tooLong});
        rows.add(new Object[] {"a".repeat(512), NC, "reject no-at-sign", "reject no-at-sign"});
    }

    private static void controlsAndBlanks(List<Object[]> rows) {
        String control = "reject control-character";
        for (String address : List.of("user@example.com\u0000", "user\r@example.com", "user\n@example.com",
                "\u001b[31muser@example.com", "user\u007f@example.com", "user@exa\u0085mple.com",
                "\u0000user@example.com")) {
            rows.add(new Object[] {address, NC, control, control});
        }
        rows.add(new Object[] {"user name@example.com", NC, OK, "reject whitespace"});
        rows.add(new Object[] {"user@exa mple.com", NC, OK, "reject whitespace"});
        rows.add(new Object[] {"\"a\" b@example.com", NC, OK, "reject whitespace"});
        rows.add(new Object[] {"user\tname@example.com", NC, control, "reject whitespace"});
    }

    private static void structure(List<Object[]> rows) {
        rows.add(new Object[] {"user", NC, "reject no-at-sign", "reject no-at-sign"});
        rows.add(new Object[] {"@example.com", NC, "reject empty-local-part", "reject empty-local-part"});
        rows.add(new Object[] {"@", NC, "reject empty-local-part", "reject empty-local-part"});
        rows.add(new Object[] {"", NC, "reject empty", "reject empty"});
        rows.add(new Object[] {null, NC, "reject empty", "reject empty"});
        rows.add(new Object[] {" \t ", NC, "reject empty", "reject empty"});
        rows.add(new Object[] {"-", NC, "reject empty", "reject empty"});
        rows.add(new Object[] {"someone@", "placeholder bare-name", "placeholder bare-name",
            "placeholder bare-name"});
        rows.add(new Object[] {"us..er@", "placeholder bare-name", "placeholder bare-name",
            "reject empty-domain"});
        rows.add(new Object[] {"a b@", "placeholder bare-name", "placeholder bare-name", "reject empty-domain"});
        rows.add(new Object[] {"\u001b@", "placeholder bare-name", "reject control-character",
            "reject control-character"});
        String metasploit = "placeholder client-default:metasploit";
        rows.add(new Object[] {"user@", metasploit, metasploit, metasploit});
    }

    static Stream<Arguments> cases() {
        Strictness[] levels = {Strictness.OFF, Strictness.TRIVIAL, Strictness.RFC5321};
        return rows().stream().flatMap(row -> Stream.of(0, 1, 2).map(
                i -> Arguments.of(Policies.label((String) row[0]), row[0], levels[i], row[i + 1])));
    }

    @ParameterizedTest(name = "{0} at {2} is {3}")
    @MethodSource("cases")
    void passwordGetsTheExpectedVerdictAtEachStrictness(String label, String password, Strictness strictness,
            String expected) {
        EmailVerdict verdict = Policies.at(strictness).check(password);

        assertThat(Policies.outcome(verdict)).isEqualTo(expected);
    }
}

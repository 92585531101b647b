package io.github.anonftp.email;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Allow and deny lists: the three pattern forms, precedence, allowOnly and their place in the order. */
class ListsTest {

    private static String check(String allowed, String denied, String password) {
        return Policies.outcome(Policies.with(b -> b.allowed(allowed).denied(denied)).check(password));
    }

    @ParameterizedTest(name = "{0} against bob@example.org is {1}")
    @CsvSource({"bob@example.org, reject denied", "bob@EXAMPLE.ORG, reject denied", "Bob@example.org, accept ok",
        "bob@sub.example.org, accept ok", "alice@example.org, accept ok"})
    void exactPatternComparesTheLocalPartExactlyAndTheDomainInAnyCase(String password, String expected) {
        assertThat(check("", "bob@example.org", password)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} against *@example.com is {1}")
    @CsvSource({"x@example.com, reject denied", "X@Example.Com, reject denied", "x@sub.example.com, accept ok",
        "x@notexample.com, accept ok", "x@example.com.au, accept ok"})
    void domainPatternMatchesThatDomainOnly(String password, String expected) {
        assertThat(check("", "*@example.com", password)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} against *@*.example.net is {1}")
    @CsvSource({"x@mail.example.net, reject denied", "x@a.b.example.net, reject denied",
        "x@MAIL.EXAMPLE.NET, reject denied", "x@example.net, accept ok", "x@badexample.net, accept ok"})
    void subdomainPatternMatchesSubdomainsButNotTheDomainItself(String password, String expected) {
        assertThat(check("", "*@*.example.net", password)).isEqualTo(expected);
    }

    @Test
    void patternDomainIsComparedInAnyCase() {
        assertThat(check("", "*@EXAMPLE.com", "x@example.COM")).isEqualTo("reject denied");
    }

    @ParameterizedTest(name = "{0} against *@bücher.example is {1}")
    @CsvSource({"jörg@bücher.example, reject denied", "jörg@BÜCHER.example, reject denied",
        "x@xn--bcher-kva.example, reject denied", "x@bucher.example, accept ok"})
    void idnPatternMatchesBothLabelForms(String password, String expected) {
        assertThat(check("", "*@bücher.example", password)).isEqualTo(expected);
    }

    @Test
    void aLabelPatternMatchesTheULabelForm() {
        assertThat(check("", "*@xn--bcher-kva.example", "jörg@bücher.example")).isEqualTo("reject denied");
    }

    @Test
    void allowWinsOverDeny() {
        assertThat(check("ops@mail.example.net", "*@*.example.net", "ops@mail.example.net"))
                .isEqualTo("accept allowed");
    }

    @Test
    void allowOfOneAddressLeavesTheRestOfADeniedDomainDenied() {
        assertThat(check("ops@mail.example.net", "*@*.example.net", "dev@mail.example.net"))
                .isEqualTo("reject denied");
    }

    @Test
    void addressOnTheAllowListIsAcceptedAsAllowed() {
        assertThat(check("*@example.org", "", "x@example.org")).isEqualTo("accept allowed");
    }

    @ParameterizedTest(name = "with allowOnly {0} is {1}")
    @CsvSource({"x@example.org, accept allowed", "x@example.com, reject not-allowed",
        "IEUser@, reject not-allowed", "joe@, reject not-allowed"})
    void allowOnlyRejectsEverythingNotAllowed(String password, String expected) {
        EmailPolicy policy = Policies.with(b -> b.allowed("*@example.org").allowOnly(true));

        assertThat(Policies.outcome(policy.check(password))).isEqualTo(expected);
    }

    @Test
    void allowOnlyRejectsAPasswordWithoutAtSignUnderOff() {
        EmailPolicy policy = Policies.with(b -> b.strictness(Strictness.OFF).allowed("*@example.org").allowOnly(true));

        assertThat(Policies.outcome(policy.check("guest"))).isEqualTo("reject not-allowed");
    }

    @Test
    void deniedPlaceholderIsRejected() {
        assertThat(check("", "IEUser@", "IEUser@")).isEqualTo("reject denied");
    }

    @Test
    void placeholderInADeniedDomainIsRejected() {
        assertThat(check("", "*@example.com", "ftp@example.com")).isEqualTo("reject denied");
    }

    @Test
    void allowedPlaceholderIsAccepted() {
        assertThat(check("mozilla@example.com", "", "mozilla@example.com")).isEqualTo("accept allowed");
    }

    @Test
    void javaPlaceholderWithAHostIsMatchedByItsHost() {
        assertThat(check("", "*@myhost", "Java21@myhost")).isEqualTo("reject denied");
    }

    @Test
    void syntaxIsCheckedBeforeTheDenyList() {
        assertThat(check("", "*@example.com", "us..er@example.com")).isEqualTo("reject invalid-local-part");
    }

    @Test
    void allowListDoesNotExcuseBadSyntax() {
        assertThat(check("*@example.com", "", "us..er@example.com")).isEqualTo("reject invalid-local-part");
    }

    @Test
    void addressLiteralCanBeDeniedExactly() {
        assertThat(check("", "x@[192.0.2.1]", "x@[192.0.2.1]")).isEqualTo("reject denied");
    }

    @Test
    void listsApplyUnderOff() {
        EmailPolicy policy = Policies.with(b -> b.strictness(Strictness.OFF).denied("*@example.com"));

        assertThat(Policies.outcome(policy.check("x@example.com"))).isEqualTo("reject denied");
    }
}

package io.github.anonftp.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.anonftp.Settings;

/**
 * One {@code allowed} or {@code denied} entry: {@code user@domain} (exact; the domain may be empty to name a
 * placeholder such as {@code IEUser@}), {@code *@domain} (that domain only) or {@code *@*.domain} (its
 * subdomains, not the domain itself). Local parts compare exactly; domains lower-cased and IDNA-mapped.
 *
 * @param form   which of the three forms
 * @param local  the exact local part; empty for the wildcard forms
 * @param domain the domain as compared: lower-case, A-labels
 */
record AddressPattern(Form form, String local, String domain) {

    static final String EXPECTED = "user@domain, *@domain or *@*.domain";

    enum Form {
        EXACT,
        DOMAIN,
        SUBDOMAIN
    }

    /** Checks every pattern and returns an immutable copy of the list as given. */
    static List<String> validate(String setting, List<String> patterns) {
        Settings.required(setting, patterns);
        for (String pattern : patterns) {
            parse(setting, pattern);
        }
        return List.copyOf(patterns);
    }

    static List<AddressPattern> parseAll(String setting, List<String> patterns) {
        List<AddressPattern> parsed = new ArrayList<>(patterns.size());
        for (String pattern : patterns) {
            parsed.add(parse(setting, pattern));
        }
        return List.copyOf(parsed);
    }

    static AddressPattern parse(String setting, String text) {
        int at = text == null ? -1 : text.lastIndexOf('@');
        if (at < 0) {
            throw Settings.invalid(setting, text, EXPECTED);
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1).toLowerCase(Locale.ROOT);
        if (local.equals("*")) {
            boolean subdomains = domain.startsWith("*.");
            String suffix = subdomains ? domain.substring(2) : domain;
            if (suffix.isEmpty() || suffix.startsWith("[") || !DomainSyntax.check(suffix, true).equals(Reason.OK)) {
                throw Settings.invalid(setting, text, EXPECTED);
            }
            return new AddressPattern(subdomains ? Form.SUBDOMAIN : Form.DOMAIN, "", Candidate.toAscii(suffix));
        }
        boolean localValid = local.indexOf('*') < 0 && MailboxParser.checkLocalPart(local, true).equals(Reason.OK);
        if (!localValid || !(domain.isEmpty() || DomainSyntax.check(domain, true).equals(Reason.OK))) {
            throw Settings.invalid(setting, text, EXPECTED);
        }
        return new AddressPattern(Form.EXACT, local, Candidate.toAscii(domain));
    }

    boolean matches(Candidate candidate) {
        if (!candidate.hasAt()) {
            return false;
        }
        String other = candidate.matchDomain();
        switch (form) {
            case EXACT:
                return local.equals(candidate.local()) && domain.equals(other);
            case DOMAIN:
                return domain.equals(other);
            default:
                return other.length() > domain.length() + 1 && other.endsWith(domain)
                        && other.charAt(other.length() - domain.length() - 1) == '.';
        }
    }

    @Override
    public String toString() {
        return form == Form.EXACT ? local + "@" + domain : form == Form.DOMAIN ? "*@" + domain : "*@*." + domain;
    }
}

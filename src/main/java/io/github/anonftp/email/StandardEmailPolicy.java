package io.github.anonftp.email;

import java.util.List;
import java.util.Objects;

/** The policy of {@link EmailPolicy#of(EmailPolicyConfig)}; the evaluation order is documented there. */
final class StandardEmailPolicy implements EmailPolicy {

    static final int MAX_INPUT_LENGTH = 512;

    private final EmailPolicyConfig config;
    private final Placeholders placeholders;
    private final List<AddressPattern> allowed;
    private final List<AddressPattern> denied;

    StandardEmailPolicy(EmailPolicyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.placeholders = new Placeholders(config.extraPlaceholders());
        this.allowed = AddressPattern.parseAll(EmailPolicyConfig.PREFIX + "allowed", config.allowed());
        this.denied = AddressPattern.parseAll(EmailPolicyConfig.PREFIX + "denied", config.denied());
    }

    @Override
    public EmailVerdict check(String password) {
        String raw = password == null ? "" : password;
        if (raw.length() > MAX_INPUT_LENGTH) {
            return EmailVerdict.reject(Reason.TOO_LONG, "");
        }
        Candidate candidate = Candidate.of(raw, config.smtpUtf8());
        EmailVerdict verdict = classify(candidate);
        return verdict.kind() == EmailVerdict.Kind.REJECT ? verdict : applyLists(verdict, candidate);
    }

    private EmailVerdict classify(Candidate candidate) {
        String address = candidate.address();
        String client = placeholders.clientOf(address);
        if (client != null) {
            return EmailVerdict.placeholder(Reason.CLIENT_DEFAULT + client, address);
        }
        if (isBareName(candidate)) {
            return EmailVerdict.placeholder(Reason.BARE_NAME, address);
        }
        String reason = syntax(candidate);
        if (!reason.equals(Reason.OK)) {
            return EmailVerdict.reject(reason, address);
        }
        return EmailVerdict.accept(config.strictness() == Strictness.OFF ? Reason.NOT_CHECKED : Reason.OK, address);
    }

    /** {@code name@}: nothing after the only-or-last {@code @}, and a local part the strictness accepts. */
    private boolean isBareName(Candidate candidate) {
        String local = candidate.local();
        if (!candidate.hasAt() || !candidate.domain().isEmpty() || local.isEmpty()) {
            return false;
        }
        switch (config.strictness()) {
            case OFF:
                return true;
            case TRIVIAL:
                return Chars.firstControl(local, true) < 0;
            default:
                return MailboxParser.checkLocalPart(local, config.smtpUtf8()).equals(Reason.OK);
        }
    }

    private String syntax(Candidate candidate) {
        switch (config.strictness()) {
            case OFF:
                return Reason.OK;
            case TRIVIAL:
                return trivial(candidate);
            default:
                return MailboxParser.check(candidate.address(), config.smtpUtf8());
        }
    }

    private static String trivial(Candidate candidate) {
        if (candidate.address().isEmpty()) {
            return Reason.EMPTY;
        }
        if (Chars.firstControl(candidate.address(), true) >= 0) {
            return Reason.CONTROL_CHARACTER;
        }
        if (!candidate.hasAt()) {
            return Reason.NO_AT_SIGN;
        }
        if (candidate.local().isEmpty()) {
            return Reason.EMPTY_LOCAL_PART;
        }
        return candidate.domain().isEmpty() ? Reason.EMPTY_DOMAIN : Reason.OK;
    }

    private EmailVerdict applyLists(EmailVerdict verdict, Candidate candidate) {
        if (matchesAny(allowed, candidate)) {
            return EmailVerdict.accept(Reason.ALLOWED, candidate.address());
        }
        if (matchesAny(denied, candidate)) {
            return EmailVerdict.reject(Reason.DENIED, candidate.address());
        }
        if (config.allowOnly()) {
            return EmailVerdict.reject(Reason.NOT_ALLOWED, candidate.address());
        }
        return verdict;
    }

    private static boolean matchesAny(List<AddressPattern> patterns, Candidate candidate) {
        for (AddressPattern pattern : patterns) {
            if (pattern.matches(candidate)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "EmailPolicy[" + config + "]";
    }
}

package io.github.anonftp.email;

/** TEMPORARY stand-in until the email-policy branch lands. */
public record EmailPolicyConfig(Strictness strictness, Enforcement enforcement) {
    public static Builder builder() { return new Builder(); }
    public LoginAction actionFor(EmailVerdict v) {
        if (v.kind() == EmailVerdict.Kind.REJECT) {
            return enforcement == Enforcement.ENFORCE ? LoginAction.REFUSE : LoginAction.WARN;
        }
        return LoginAction.ACCEPT;
    }
    public static final class Builder {
        private Strictness strictness = Strictness.RFC5321;
        private Enforcement enforcement = Enforcement.ENFORCE;
        public Builder strictness(Strictness s) { strictness = s; return this; }
        public Builder enforcement(Enforcement e) { enforcement = e; return this; }
        public Builder placeholders(PlaceholderAction p) { return this; }
        public EmailPolicyConfig build() { return new EmailPolicyConfig(strictness, enforcement); }
    }
}

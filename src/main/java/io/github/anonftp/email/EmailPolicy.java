package io.github.anonftp.email;

/** TEMPORARY stand-in until the email-policy branch lands. */
public interface EmailPolicy {
    EmailVerdict check(String password);

    static EmailPolicy of(EmailPolicyConfig config) {
        return password -> {
            String p = password == null ? "" : password.strip();
            int at = p.lastIndexOf('@');
            return at > 0 && at < p.length() - 1 && !p.contains("..")
                    ? new EmailVerdict(EmailVerdict.Kind.ACCEPT, "ok", p)
                    : new EmailVerdict(EmailVerdict.Kind.REJECT, "no-at-sign", p);
        };
    }
}

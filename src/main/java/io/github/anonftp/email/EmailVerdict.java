package io.github.anonftp.email;

import java.util.Locale;

/** TEMPORARY stand-in until the email-policy branch lands. */
public record EmailVerdict(Kind kind, String reason, String address) {
    public enum Kind { ACCEPT, PLACEHOLDER, REJECT;
        public String token() { return name().toLowerCase(Locale.ROOT); } }
}

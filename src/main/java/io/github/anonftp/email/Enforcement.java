package io.github.anonftp.email;

/**
 * What the server does with a rejected address; see {@link EmailPolicyConfig#actionFor(EmailVerdict)}.
 */
public enum Enforcement {
    /** A rejected address refuses the login ({@code 530}). The default. */
    ENFORCE,
    /** A rejected address only adds a warning to a successful login. */
    WARN
}

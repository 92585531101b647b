package io.github.anonftp.email;

/**
 * What the server does when a guest sends a well-known client default or a bare {@code name@} instead of
 * an address; see {@link EmailPolicyConfig#actionFor(EmailVerdict)}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1635">RFC 1635</a>
 */
public enum PlaceholderAction {
    /** The login succeeds silently. The default. */
    ACCEPT,
    /** The login succeeds with a warning line. */
    WARN,
    /** The placeholder is treated like a rejected address (refused, or a warning under {@link Enforcement#WARN}). */
    REJECT
}

package io.github.anonftp.email;

/**
 * What the FTP layer does with a guest login, computed by {@link EmailPolicyConfig#actionFor(EmailVerdict)}.
 */
public enum LoginAction {
    /** The login succeeds. */
    ACCEPT,
    /** The login succeeds and the reply carries a warning line. */
    WARN,
    /** The login is refused with {@code 530}. */
    REFUSE
}

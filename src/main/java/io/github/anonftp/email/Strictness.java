package io.github.anonftp.email;

/**
 * How strictly {@link EmailPolicy} checks the syntax of the address a guest sends as password.
 * Client placeholders and the allow and deny lists are handled the same at every level; a bare
 * {@code name@} needs a local part the level accepts.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5321#section-4.1.2">RFC 5321 §4.1.2</a>
 */
public enum Strictness {
    /** No syntax check: every password, even the empty one, is accepted with reason {@code not-checked}. */
    OFF,
    /** An {@code @} with at least one character on both sides and no control character anywhere. */
    TRIVIAL,
    /** The RFC 5321 {@code Mailbox} grammar (with RFC 6531 UTF-8 when {@code smtpUtf8} is on). The default. */
    RFC5321
}

package io.github.anonftp.accesslog;

/** How the e-mail address a guest supplied is written to the access log. */
public enum AddressPrivacy {
    /** As supplied (escaped). */
    FULL,
    /** First character of the local part and the domain: {@code j***@example.org}. */
    MASK,
    /** A keyed hash, {@code h:} and 22 base64url characters: stable for one secret, not reversible. */
    HMAC,
    /** Left out. */
    DROP
}

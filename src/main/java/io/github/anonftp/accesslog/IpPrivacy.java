package io.github.anonftp.accesslog;

/** How client IP addresses (and client keys) are written to the access log. */
public enum IpPrivacy {
    /** As they are. */
    FULL,
    /** IPv4 to its /24, IPv6 to its /48: {@code 192.0.2.0}, {@code 2001:db8:1::}. */
    TRUNCATE,
    /** A keyed hash, {@code h:} and 22 base64url characters. */
    HMAC
}

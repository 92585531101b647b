package io.github.anonftp.accesslog;

import java.util.Locale;

/**
 * What the e-mail policy made of a guest's password, on a {@link EventType#LOGIN login}; the same three kinds as
 * the policy's own result ({@code EmailVerdict.Kind}), kept here so that the access log depends on no policy.
 */
public enum Verdict {
    /** A usable address. */
    ACCEPT,
    /** A client default or bare {@code name@}: not an address, but what many clients send. */
    PLACEHOLDER,
    /** Not acceptable as an address. */
    REJECT;

    /** The lower-case name used in records: {@code accept}, {@code placeholder} or {@code reject}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}

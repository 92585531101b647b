package io.github.anonftp.ratelimit;

import io.github.anonftp.Settings;

/**
 * Limits on what one client may do. Immutable; build it with {@link #builder()}. Every setting is
 * named {@code rateLimit.<name>} in error messages, Spring XML and the docs.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2577#section-5">RFC 2577 §5: Protecting Passwords</a>
 */
public record RateLimitConfig(int maxFailuresPerConnection) {

    public RateLimitConfig {
        Settings.checkRange("rateLimit.maxFailuresPerConnection", maxFailuresPerConnection, 1, 100,
                "failed logins on one connection before 421 and close");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static final class Builder {
        private int maxFailuresPerConnection = 3;

        private Builder() {
        }

        /**
         * Failed logins (rejected e-mail passwords, wrong passwords, refused names) on one control
         * connection after which the server replies {@code 421} and closes it. Default 3, range 1..100.
         */
        public Builder maxFailuresPerConnection(int value) {
            maxFailuresPerConnection = value;
            return this;
        }

        public RateLimitConfig build() {
            return new RateLimitConfig(maxFailuresPerConnection);
        }
    }
}

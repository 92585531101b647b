package io.github.anonftp.ratelimit.redis;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.apache.ftpserver.FtpServerConfigurationException;

import io.github.anonftp.Settings;

/**
 * Farm mode: where the shared limiter state lives and how the node behaves when it cannot reach it. Immutable;
 * build it with {@link #builder()}. Every setting is named {@code rateLimit.<name>} in error messages, Spring XML
 * and the docs, like the limits it shares.
 *
 * @param redis {@code redis://[user:password@]host:port[/db]}, or {@code rediss://} for TLS
 * @param redisPassword the password, from {@code rateLimit.redisPasswordFile} (wins over one in the URL); null
 * @param redisPrefix the first part of every key, so that several farms can share one Redis
 * @param redisTimeout the longest an FTP thread waits for one Redis call
 * @param redisFailure what a node does while Redis cannot be reached
 * @param redisLease how long a session slot outlives its node: a node renews its slots every third of it
 * @param keySecret with {@code accessLog.ipPrivacy=hmac}: the secret that client keys are hashed with before they
 *        become part of a Redis key; null keeps them readable
 */
public record RedisConfig(String redis, String redisPassword, String redisPrefix, Duration redisTimeout,
        FailureMode redisFailure, Duration redisLease, String keySecret) {

    /** What a node does while Redis cannot be reached. */
    public enum FailureMode {
        /** Admit, decided by this node's own in-memory limiter (bans it knows still apply). */
        OPEN,
        /** Refuse every new connection with {@code 421 Service temporarily unavailable}. */
        CLOSED
    }

    public RedisConfig {
        redis = checkUrl(redis);
        if (redisPassword != null && redisPassword.isEmpty()) {
            throw new FtpServerConfigurationException(
                    "rateLimit.redisPasswordFile: the file is empty; expected the Redis password on its first line");
        }
        redisPrefix = Settings.checkText("rateLimit.redisPrefix", redisPrefix);
        if (redisPrefix.length() > 64
                || !redisPrefix.chars().allMatch(c -> c > ' ' && c < 127 && c != '{' && c != '}')) {
            throw Settings.invalid("rateLimit.redisPrefix", redisPrefix,
                    "at most 64 printable ASCII characters without spaces or braces, such as anonftp: or farm1:");
        }
        Settings.checkRange("rateLimit.redisTimeout", redisTimeout, Duration.ofMillis(1), Duration.ofSeconds(10));
        Settings.required("rateLimit.redisFailure", redisFailure);
        Settings.checkRange("rateLimit.redisLease", redisLease, Duration.ofSeconds(3), Duration.ofHours(1));
        if (redisLease.compareTo(redisTimeout.multipliedBy(10)) < 0) {
            throw new FtpServerConfigurationException("rateLimit.redisLease: " + Settings.format(redisLease)
                    + " is out of range; expected at least 10 times rateLimit.redisTimeout ("
                    + Settings.format(redisTimeout) + "), so that renewals are not lost to timeouts");
        }
        if (keySecret != null && keySecret.length() < 16) {
            throw new FtpServerConfigurationException("rateLimit.keySecret: a secret of " + keySecret.length()
                    + " characters is not valid; expected at least 16 characters");
        }
    }

    /** This configuration with client keys hashed by {@code secret} in Redis (null: readable keys). */
    public RedisConfig withKeySecret(String secret) {
        return new RedisConfig(redis, redisPassword, redisPrefix, redisTimeout, redisFailure, redisLease, secret);
    }

    /** {@link #redis()} with any password replaced by {@code ***}, for logs and messages. */
    public String displayUrl() {
        return hidePassword(redis);
    }

    @Override
    public String toString() {
        return "RedisConfig[" + displayUrl() + ", prefix " + redisPrefix + ", timeout "
                + Settings.format(redisTimeout) + ", " + redisFailure.name().toLowerCase(Locale.ROOT) + ", lease "
                + Settings.format(redisLease) + (keySecret != null ? ", hashed keys" : "") + "]";
    }

    private static String checkUrl(String url) {
        String expected = "redis://[user:password@]host:port[/db] or rediss://... for TLS";
        String value = Settings.required("rateLimit.redis", url).strip();
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw Settings.invalid("rateLimit.redis", hidePassword(value), expected);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("redis") && !scheme.equals("rediss")) {
            throw Settings.invalid("rateLimit.redis", hidePassword(value), expected);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw Settings.invalid("rateLimit.redis", hidePassword(value), expected + " (no host given)");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw Settings.invalid("rateLimit.redis", hidePassword(value), expected + " (port 1..65535)");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!path.isEmpty() && !path.equals("/")) {
            String db = path.substring(1);
            if (db.isEmpty() || db.length() > 5 || !db.chars().allMatch(Character::isDigit)) {
                throw Settings.invalid("rateLimit.redis", hidePassword(value),
                        expected + " (the database is a number such as /0)");
            }
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw Settings.invalid("rateLimit.redis", hidePassword(value), expected + " (no query or fragment)");
        }
        return value;
    }

    static String hidePassword(String url) {
        int scheme = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return url;
        }
        String userInfo = url.substring(scheme + 3, at);
        int colon = userInfo.indexOf(':');
        String user = colon < 0 ? "" : userInfo.substring(0, colon);
        return url.substring(0, scheme + 3) + user + ":***" + url.substring(at);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every setting of this configuration, to change some and keep the rest. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.redis = redis;
        builder.redisPassword = redisPassword;
        builder.redisPrefix = redisPrefix;
        builder.redisTimeout = redisTimeout;
        builder.redisFailure = redisFailure;
        builder.redisLease = redisLease;
        builder.keySecret = keySecret;
        return builder;
    }

    /** Builds a {@link RedisConfig}; defaults are in the field initialisers. */
    public static final class Builder {
        private String redis;
        private String redisPassword;
        private String redisPrefix = "anonftp:";
        private Duration redisTimeout = Duration.ofMillis(250);
        private FailureMode redisFailure = FailureMode.OPEN;
        private Duration redisLease = Duration.ofSeconds(30);
        private String keySecret;

        private Builder() {
        }

        /** The Redis URL: {@code redis://[user:password@]host:port[/db]}, {@code rediss://} for TLS. Required. */
        public Builder redis(String value) {
            redis = value;
            return this;
        }

        /** Reads the password from the first line of {@code file} (it wins over a password in the URL). */
        public Builder redisPasswordFile(Path file) {
            Settings.required("rateLimit.redisPasswordFile", file);
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                int end = text.indexOf('\n');
                redisPassword = (end < 0 ? text : text.substring(0, end)).strip();
            } catch (IOException e) {
                throw new FtpServerConfigurationException("rateLimit.redisPasswordFile: \"" + file
                        + "\" cannot be read (" + e.getClass().getSimpleName()
                        + "); expected a readable file holding the Redis password", e);
            }
            return this;
        }

        public Builder redisPasswordFile(String file) {
            return redisPasswordFile(Path.of(Settings.checkText("rateLimit.redisPasswordFile", file)));
        }

        /** The first part of every key. Default {@code anonftp:}. */
        public Builder redisPrefix(String value) {
            redisPrefix = value;
            return this;
        }

        /** The longest an FTP thread waits for one Redis call. Default 250ms, 1ms..10s. */
        public Builder redisTimeout(Duration value) {
            redisTimeout = value;
            return this;
        }

        public Builder redisTimeout(String value) {
            return redisTimeout(Settings.parseDuration("rateLimit.redisTimeout", value));
        }

        /** {@code open} (default: admit on local limits) or {@code closed} (refuse) while Redis is unreachable. */
        public Builder redisFailure(FailureMode value) {
            redisFailure = value;
            return this;
        }

        public Builder redisFailure(String value) {
            return redisFailure(Settings.parseEnum("rateLimit.redisFailure", value, FailureMode.class));
        }

        /** How long a slot outlives a node that died without a clean stop. Default 30s, 3s..1h. */
        public Builder redisLease(Duration value) {
            redisLease = value;
            return this;
        }

        public Builder redisLease(String value) {
            return redisLease(Settings.parseDuration("rateLimit.redisLease", value));
        }

        /** Hash client keys with this secret before they become part of a Redis key. Default none. */
        public Builder keySecret(String value) {
            keySecret = value;
            return this;
        }

        public RedisConfig build() {
            return new RedisConfig(redis, redisPassword, redisPrefix, redisTimeout, redisFailure, redisLease,
                    keySecret);
        }
    }
}

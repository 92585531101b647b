package io.github.anonftp.accesslog;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Maps the personal fields of an event before it is formatted: the supplied e-mail address by
 * {@link AddressPrivacy}, the client IP and a ban's client key by {@link IpPrivacy}. Hashes are HMAC-SHA-256
 * keyed with the configured secret, so they are stable across restarts for one secret and cannot be reversed
 * or recomputed without it. Immutable and thread-safe; the secret is never shown.
 */
public final class Privacy {

    private static final String ALGORITHM = "HmacSHA256";
    private static final String HASH_PREFIX = "h:";
    private static final int HASH_CHARS = 22;
    private static final int MIN_SECRET = 16;

    private final AddressPrivacy addressPrivacy;
    private final IpPrivacy ipPrivacy;
    private final ThreadLocal<Mac> macs;

    private Privacy(AddressPrivacy addressPrivacy, IpPrivacy ipPrivacy, String secret) {
        this.addressPrivacy = Objects.requireNonNull(addressPrivacy, "addressPrivacy");
        this.ipPrivacy = Objects.requireNonNull(ipPrivacy, "ipPrivacy");
        if (addressPrivacy != AddressPrivacy.HMAC && ipPrivacy != IpPrivacy.HMAC) {
            macs = null;
            return;
        }
        if (secret == null || secret.length() < MIN_SECRET) {
            throw new IllegalArgumentException("HMAC privacy needs a secret of at least " + MIN_SECRET + " characters");
        }
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        newMac(key);
        macs = ThreadLocal.withInitial(() -> newMac(key));
    }

    /** The privacy of {@code config}: its address and IP modes and its secret. */
    public static Privacy of(AccessLogConfig config) {
        return of(config.addressPrivacy(), config.ipPrivacy(), config.privacySecret());
    }

    /**
     * @param secret the HMAC key, at least 16 characters when either mode is HMAC, otherwise unused (may be null)
     * @throws IllegalArgumentException if a mode is HMAC and the secret is missing or too short
     */
    public static Privacy of(AddressPrivacy addressPrivacy, IpPrivacy ipPrivacy, String secret) {
        return new Privacy(addressPrivacy, ipPrivacy, secret);
    }

    /** {@code event} with its e-mail address, IP and client key mapped; the same event when nothing changes. */
    public AccessEvent apply(AccessEvent event) {
        if (addressPrivacy == AddressPrivacy.FULL && ipPrivacy == IpPrivacy.FULL) {
            return event;
        }
        return event.toBuilder().email(address(event.email())).ip(ipText(event.ip())).key(clientKey(event.key()))
                .build();
    }

    /**
     * A supplied e-mail address as the log may show it. FULL: unchanged; MASK: the first character of the local
     * part, {@code ***@} and the domain after the last {@code @} in lower case ({@code j***@example.org}), or
     * {@code ***} without an {@code @}; HMAC: {@code h:} and 22 base64url characters; DROP: null. Null stays
     * null and the empty string stays empty.
     */
    public String address(String email) {
        if (email == null || email.isEmpty()) {
            return addressPrivacy == AddressPrivacy.DROP ? null : email;
        }
        return switch (addressPrivacy) {
            case FULL -> email;
            case MASK -> mask(email);
            case HMAC -> hash(email);
            case DROP -> null;
        };
    }

    /**
     * A client IP (canonical text, as the server writes it) as the log may show it. FULL: unchanged; TRUNCATE:
     * its /24 (IPv4) or /48 (IPv6) network address, or {@code -} for text that is not an IP literal; HMAC:
     * {@code h:} and 22 base64url characters. Null and the empty string are kept.
     */
    public String ipText(String ip) {
        if (ip == null || ip.isEmpty()) {
            return ip;
        }
        return switch (ipPrivacy) {
            case FULL -> ip;
            case TRUNCATE -> IpPrefix.truncate(ip, false);
            case HMAC -> hash(ip);
        };
    }

    /**
     * A ban's client key ({@code 192.0.2.7}, {@code 2001:db8:1:2::/64}) mapped like an IP; TRUNCATE keeps the
     * shorter of the key's own prefix and /24 or /48 and always writes it: {@code 2001:db8:1::/48}.
     */
    public String clientKey(String key) {
        if (key == null || key.isEmpty()) {
            return key;
        }
        return switch (ipPrivacy) {
            case FULL -> key;
            case TRUNCATE -> IpPrefix.truncate(key, true);
            case HMAC -> hash(key);
        };
    }

    private static String mask(String email) {
        int at = email.lastIndexOf('@');
        if (at < 0) {
            return "***";
        }
        String first = at == 0 ? "" : new String(Character.toChars(email.codePointAt(0)));
        return first + "***@" + email.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private String hash(String text) {
        byte[] digest = macs.get().doFinal(text.getBytes(StandardCharsets.UTF_8));
        return HASH_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, HASH_CHARS);
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "Privacy[address=" + addressPrivacy + ", ip=" + ipPrivacy + "]";
    }
}

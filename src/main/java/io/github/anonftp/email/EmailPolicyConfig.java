package io.github.anonftp.email;

import java.util.List;

import io.github.anonftp.Settings;

/**
 * Settings of the e-mail password policy. Immutable and thread-safe; build it with {@link #builder()}.
 * Every setting is named {@code emailPolicy.<name>} in error messages, Spring XML and the docs; invalid
 * values fail with an {@link org.apache.ftpserver.FtpServerConfigurationException} naming the setting.
 *
 * <p>List patterns ({@code allowed}, {@code denied}) take three forms: {@code user@domain} (exact local part,
 * domain in any case; an empty domain as in {@code IEUser@} names a placeholder), {@code *@domain} (that
 * domain only) and {@code *@*.domain} (any subdomain, not the domain itself). U-label domains are matched by
 * their A-label form. An address on both lists is allowed.
 *
 * @param strictness        the syntax check; default {@link Strictness#RFC5321}
 * @param enforcement       what a rejected address does; default {@link Enforcement#ENFORCE}
 * @param placeholders      what a placeholder does; default {@link PlaceholderAction#ACCEPT}
 * @param allowed           patterns that are always accepted; default empty
 * @param denied            patterns that are rejected unless allowed; default empty
 * @param allowOnly         reject everything not on {@code allowed}; default false (true needs a non-empty list)
 * @param extraPlaceholders site-specific placeholder passwords (client {@code site}); default empty
 * @param smtpUtf8          accept RFC 6531 UTF-8 mailboxes at {@code RFC5321} and map U-label domains for the
 *                          lists; default true
 * @see EmailPolicy#of(EmailPolicyConfig)
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1635">RFC 1635</a>
 */
public record EmailPolicyConfig(
        Strictness strictness,
        Enforcement enforcement,
        PlaceholderAction placeholders,
        List<String> allowed,
        List<String> denied,
        boolean allowOnly,
        List<String> extraPlaceholders,
        boolean smtpUtf8) {

    static final String PREFIX = "emailPolicy.";

    public EmailPolicyConfig {
        Settings.required(PREFIX + "strictness", strictness);
        Settings.required(PREFIX + "enforcement", enforcement);
        Settings.required(PREFIX + "placeholders", placeholders);
        allowed = AddressPattern.validate(PREFIX + "allowed", allowed);
        denied = AddressPattern.validate(PREFIX + "denied", denied);
        extraPlaceholders = Placeholders.validate(PREFIX + "extraPlaceholders", extraPlaceholders);
        if (allowOnly && allowed.isEmpty()) {
            throw Settings.invalid(PREFIX + "allowOnly", true, "false while " + PREFIX + "allowed is empty");
        }
    }

    /** A builder with every setting at its default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding every setting of this configuration, to change some and keep the rest:
     * {@code config.toBuilder().enforcement(Enforcement.WARN).build()}.
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * What the FTP layer does with {@code verdict}: an accepted address is accepted; a placeholder follows
     * {@code placeholders}, where {@code REJECT} means what a rejected address means; a rejected address is
     * refused under {@code ENFORCE} and only warned about under {@code WARN}.
     *
     * @param verdict a verdict of any {@link EmailPolicy}, this package's or a site's own
     * @return what to do with the login
     */
    public LoginAction actionFor(EmailVerdict verdict) {
        switch (verdict.kind()) {
            case ACCEPT:
                return LoginAction.ACCEPT;
            case PLACEHOLDER:
                if (placeholders == PlaceholderAction.ACCEPT) {
                    return LoginAction.ACCEPT;
                }
                return placeholders == PlaceholderAction.WARN ? LoginAction.WARN : rejected();
            default:
                return rejected();
        }
    }

    private LoginAction rejected() {
        return enforcement == Enforcement.ENFORCE ? LoginAction.REFUSE : LoginAction.WARN;
    }

    /** One line for the start-up log, such as {@code emailPolicy[strictness=RFC5321, ...]}. */
    @Override
    public String toString() {
        return "emailPolicy[strictness=" + strictness + ", enforcement=" + enforcement
                + ", placeholders=" + placeholders + ", allowed=" + allowed + ", denied=" + denied
                + ", allowOnly=" + allowOnly + ", extraPlaceholders=" + extraPlaceholders
                + ", smtpUtf8=" + smtpUtf8 + "]";
    }

    /** Builds an {@link EmailPolicyConfig}; every setting has a default, so {@code builder().build()} works. */
    public static final class Builder {
        private Strictness strictness = Strictness.RFC5321;
        private Enforcement enforcement = Enforcement.ENFORCE;
        private PlaceholderAction placeholders = PlaceholderAction.ACCEPT;
        private List<String> allowed = List.of();
        private List<String> denied = List.of();
        private boolean allowOnly;
        private List<String> extraPlaceholders = List.of();
        private boolean smtpUtf8 = true;

        private Builder() {
        }

        /** A builder holding every setting of {@code config}. */
        private Builder(EmailPolicyConfig config) {
            strictness = config.strictness();
            enforcement = config.enforcement();
            placeholders = config.placeholders();
            allowed = config.allowed();
            denied = config.denied();
            allowOnly = config.allowOnly();
            extraPlaceholders = config.extraPlaceholders();
            smtpUtf8 = config.smtpUtf8();
        }

        /** The syntax check. Default {@code RFC5321}. */
        public Builder strictness(Strictness value) {
            strictness = value;
            return this;
        }

        /** {@code OFF}, {@code TRIVIAL} or {@code RFC5321}, in any case. */
        public Builder strictness(String value) {
            return strictness(Settings.parseEnum(PREFIX + "strictness", value, Strictness.class));
        }

        /** What a rejected address does. Default {@code ENFORCE}. */
        public Builder enforcement(Enforcement value) {
            enforcement = value;
            return this;
        }

        /** {@code ENFORCE} or {@code WARN}, in any case. */
        public Builder enforcement(String value) {
            return enforcement(Settings.parseEnum(PREFIX + "enforcement", value, Enforcement.class));
        }

        /** What a placeholder does. Default {@code ACCEPT}. */
        public Builder placeholders(PlaceholderAction value) {
            placeholders = value;
            return this;
        }

        /** {@code ACCEPT}, {@code WARN} or {@code REJECT}, in any case. */
        public Builder placeholders(String value) {
            return placeholders(Settings.parseEnum(PREFIX + "placeholders", value, PlaceholderAction.class));
        }

        /** Patterns that are always accepted, even when also denied. Default empty. */
        public Builder allowed(List<String> value) {
            allowed = value;
            return this;
        }

        /** Patterns separated by commas or whitespace. */
        public Builder allowed(String value) {
            return allowed(Settings.parseList(PREFIX + "allowed", value));
        }

        /** Patterns that are rejected unless allowed. Default empty. */
        public Builder denied(List<String> value) {
            denied = value;
            return this;
        }

        /** Patterns separated by commas or whitespace. */
        public Builder denied(String value) {
            return denied(Settings.parseList(PREFIX + "denied", value));
        }

        /** Whether only addresses on {@code allowed} are accepted. Default false. */
        public Builder allowOnly(boolean value) {
            allowOnly = value;
            return this;
        }

        /** Extra exact placeholder passwords, compared in any case. Default empty. */
        public Builder extraPlaceholders(List<String> value) {
            extraPlaceholders = value;
            return this;
        }

        /** Passwords separated by commas or whitespace. */
        public Builder extraPlaceholders(String value) {
            return extraPlaceholders(Settings.parseList(PREFIX + "extraPlaceholders", value));
        }

        /** Whether {@code RFC5321} accepts RFC 6531 UTF-8 local parts and U-label domains. Default true. */
        public Builder smtpUtf8(boolean value) {
            smtpUtf8 = value;
            return this;
        }

        public EmailPolicyConfig build() {
            return new EmailPolicyConfig(strictness, enforcement, placeholders, allowed, denied, allowOnly,
                    extraPlaceholders, smtpUtf8);
        }
    }
}

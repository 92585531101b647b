package io.github.anonftp.accesslog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.ftpserver.FtpServerConfigurationException;

import io.github.anonftp.Settings;

/**
 * Settings of the access log. Immutable; build it with {@link #builder()}. Every setting is named
 * {@code accessLog.<name>} in error messages, Spring XML and the docs. {@link #toString()} masks the secret.
 */
public record AccessLogConfig(
        RecordFormat format,
        String destination,
        String loggerName,
        AddressPrivacy addressPrivacy,
        IpPrivacy ipPrivacy,
        String privacySecret,
        boolean logConnects,
        int queueCapacity,
        int maxFieldLength,
        ZoneId xferlogZone,
        List<Destination> extraDestinations) {

    /** {@link #destination()} value: the SLF4J logger {@link #loggerName()} (the library default). */
    public static final String SLF4J = "slf4j";
    /** {@link #destination()} value: standard output. */
    public static final String STDOUT = "-";
    /** {@link #destination()} value: no access log at all. */
    public static final String NONE = "none";

    public AccessLogConfig {
        Settings.required("accessLog.format", format);
        destination = Settings.checkText("accessLog.destination", destination);
        loggerName = Settings.checkText("accessLog.loggerName", loggerName);
        Settings.required("accessLog.addressPrivacy", addressPrivacy);
        Settings.required("accessLog.ipPrivacy", ipPrivacy);
        boolean hashes = addressPrivacy == AddressPrivacy.HMAC || ipPrivacy == IpPrivacy.HMAC;
        if (hashes && (privacySecret == null || privacySecret.length() < 16)) {
            throw new FtpServerConfigurationException("accessLog.privacySecret: "
                    + (privacySecret == null ? "no value given"
                            : "a secret of " + privacySecret.length() + " characters")
                    + " is not valid; HMAC privacy needs a secret of at least 16 characters"
                    + " (set accessLog.privacySecret or accessLog.privacySecretFile)");
        }
        Settings.checkRange("accessLog.queueCapacity", queueCapacity, 16, 1_000_000);
        Settings.checkRange("accessLog.maxFieldLength", maxFieldLength, 16, 4096);
        Settings.required("accessLog.xferlogZone", xferlogZone);
        extraDestinations = checkExtra(destination, Settings.required("accessLog.extraDestinations",
                extraDestinations));
    }

    /**
     * One more place records go, next to {@link #destination()}, with its own format (vsftpd's
     * {@code dual_log_enable}: JSON Lines of every event in one file, xferlog of the transfers in another).
     *
     * @param destination a file path, {@code -} (standard output) or {@code slf4j}
     */
    public record Destination(RecordFormat format, String destination) {
        public Destination {
            Settings.required("accessLog.extraDestinations", format);
            destination = Settings.checkText("accessLog.extraDestinations", destination);
        }

        /** Whether {@link #destination()} names a file. */
        public boolean isFile() {
            return !destination.equals(SLF4J) && !destination.equals(STDOUT) && !destination.equals(NONE);
        }

        /**
         * Parses {@code FORMAT:DESTINATION}, such as {@code xferlog:/var/log/xferlog} or {@code json:-}; the format
         * in any case.
         */
        public static Destination parse(String item) {
            String expected = "FORMAT:DESTINATION items such as xferlog:/var/log/anonftp/xferlog or json:-, FORMAT"
                    + " one of JSON, XFERLOG";
            int colon = item == null ? -1 : item.indexOf(':');
            if (colon <= 0 || colon == item.length() - 1) {
                throw Settings.invalid("accessLog.extraDestinations", String.valueOf(item), expected);
            }
            RecordFormat format;
            try {
                format = Settings.parseEnum("accessLog.extraDestinations", item.substring(0, colon),
                        RecordFormat.class);
            } catch (FtpServerConfigurationException e) {
                throw Settings.invalid("accessLog.extraDestinations", item, expected, e);
            }
            return new Destination(format, item.substring(colon + 1).strip());
        }

        @Override
        public String toString() {
            return format.name().toLowerCase(java.util.Locale.ROOT) + ":" + destination;
        }
    }

    /** Every destination records go to: {@link #destination()} with {@link #format()} (unless {@code none}), then
     * {@link #extraDestinations()}. */
    public List<Destination> destinations() {
        List<Destination> all = new ArrayList<>();
        if (!destination.equals(NONE)) {
            all.add(new Destination(format, destination));
        }
        all.addAll(extraDestinations);
        return List.copyOf(all);
    }

    private static List<Destination> checkExtra(String primary, List<Destination> extra) {
        Set<String> seen = new HashSet<>();
        seen.add(primary);
        for (Destination item : extra) {
            Settings.required("accessLog.extraDestinations", item);
            if (item.destination().equals(NONE)) {
                throw Settings.invalid("accessLog.extraDestinations", item.toString(),
                        "a file, - or slf4j (leave the destination out instead of none)");
            }
            if (!seen.add(item.destination())) {
                throw Settings.invalid("accessLog.extraDestinations", item.toString(),
                        "destinations that differ from each other and from accessLog.destination (" + primary
                                + "); each is written by one writer");
            }
        }
        return List.copyOf(extra);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding every setting of this configuration, to change some and keep the rest:
     * {@code config.toBuilder().addressPrivacy(AddressPrivacy.MASK).build()}.
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether {@link #destination()} names a file (not {@code slf4j}, {@code -} or {@code none}). */
    public boolean isFile() {
        return !destination.equals(SLF4J) && !destination.equals(STDOUT) && !destination.equals(NONE);
    }

    @Override
    public String toString() {
        return "accessLog[format=" + format + ", destination=" + destination + ", addressPrivacy=" + addressPrivacy
                + ", ipPrivacy=" + ipPrivacy + ", privacySecret=" + (privacySecret == null ? "none" : "****")
                + ", logConnects=" + logConnects
                + (extraDestinations.isEmpty() ? "" : ", extraDestinations=" + extraDestinations) + "]";
    }

    /** Builds an {@link AccessLogConfig}; defaults: JSON to SLF4J logger {@code anonftp.access}, no privacy. */
    public static final class Builder {
        private RecordFormat format = RecordFormat.JSON;
        private String destination = SLF4J;
        private String loggerName = "anonftp.access";
        private AddressPrivacy addressPrivacy = AddressPrivacy.FULL;
        private IpPrivacy ipPrivacy = IpPrivacy.FULL;
        private String privacySecret;
        private boolean logConnects;
        private int queueCapacity = 8192;
        private int maxFieldLength = 256;
        private ZoneId xferlogZone = ZoneId.systemDefault();
        private final List<Destination> extraDestinations = new ArrayList<>();

        private Builder() {
        }

        /** A builder holding every setting of {@code config}. */
        private Builder(AccessLogConfig config) {
            format = config.format();
            destination = config.destination();
            loggerName = config.loggerName();
            addressPrivacy = config.addressPrivacy();
            ipPrivacy = config.ipPrivacy();
            privacySecret = config.privacySecret();
            logConnects = config.logConnects();
            queueCapacity = config.queueCapacity();
            maxFieldLength = config.maxFieldLength();
            xferlogZone = config.xferlogZone();
            extraDestinations.addAll(config.extraDestinations());
        }

        public Builder format(RecordFormat value) {
            format = value;
            return this;
        }

        public Builder format(String value) {
            return format(Settings.parseEnum("accessLog.format", value, RecordFormat.class));
        }

        /** {@code slf4j} (default), {@code -} for standard output, {@code none}, or a file path. */
        public Builder destination(String value) {
            destination = value;
            return this;
        }

        public Builder destination(Path value) {
            return destination(Settings.required("accessLog.destination", value).toString());
        }

        /** The SLF4J logger records go to with destination {@code slf4j}. Default {@code anonftp.access}. */
        public Builder loggerName(String value) {
            loggerName = value;
            return this;
        }

        public Builder addressPrivacy(AddressPrivacy value) {
            addressPrivacy = value;
            return this;
        }

        public Builder addressPrivacy(String value) {
            return addressPrivacy(Settings.parseEnum("accessLog.addressPrivacy", value, AddressPrivacy.class));
        }

        public Builder ipPrivacy(IpPrivacy value) {
            ipPrivacy = value;
            return this;
        }

        public Builder ipPrivacy(String value) {
            return ipPrivacy(Settings.parseEnum("accessLog.ipPrivacy", value, IpPrivacy.class));
        }

        /** The HMAC key, at least 16 characters; the same secret gives the same hashes after a restart. */
        public Builder privacySecret(String value) {
            privacySecret = value;
            return this;
        }

        /** Reads the HMAC key from a file (its first line, surrounding white space removed). */
        public Builder privacySecretFile(Path file) {
            Settings.required("accessLog.privacySecretFile", file);
            try {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                int newline = content.indexOf('\n');
                privacySecret = (newline < 0 ? content : content.substring(0, newline)).strip();
                return this;
            } catch (IOException | SecurityException e) {
                throw new FtpServerConfigurationException("accessLog.privacySecretFile: \"" + file
                        + "\" cannot be read; expected a readable file holding the secret", e);
            }
        }

        /** Whether admitted connections get a {@code connect} record. Default false. */
        public Builder logConnects(boolean value) {
            logConnects = value;
            return this;
        }

        /** Records waiting to be written, at most; more are dropped and counted. Default 8192. */
        public Builder queueCapacity(int value) {
            queueCapacity = value;
            return this;
        }

        /** Client-supplied strings are cut to this many characters, with a mark. Default 256. */
        public Builder maxFieldLength(int value) {
            maxFieldLength = value;
            return this;
        }

        /** The time zone of xferlog's local time stamps. Default the system's. */
        public Builder xferlogZone(ZoneId value) {
            xferlogZone = value;
            return this;
        }

        /**
         * Adds a destination with its own format, written next to {@link #destination(String)}: a file, {@code -} or
         * {@code slf4j}, each at most once. Default none.
         */
        public Builder extraDestination(RecordFormat format, String destination) {
            extraDestinations.add(new Destination(format, destination));
            return this;
        }

        /** Adds {@code FORMAT:DESTINATION} items separated by commas and/or white space; see {@link Destination}. */
        public Builder extraDestinations(String value) {
            for (String item : Settings.parseList("accessLog.extraDestinations", value)) {
                extraDestinations.add(Destination.parse(item));
            }
            return this;
        }

        public AccessLogConfig build() {
            return new AccessLogConfig(format, destination, loggerName, addressPrivacy, ipPrivacy, privacySecret,
                    logConnects, queueCapacity, maxFieldLength, xferlogZone, extraDestinations);
        }
    }
}

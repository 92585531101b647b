package io.github.anonftp.ratelimit;

import java.time.Duration;
import java.util.List;

import io.github.anonftp.Settings;

/**
 * Limits on what one client may do. A client is its {@link ClientKey}: the IPv4 address, or the IPv6
 * network of {@link #ipv6PrefixLength()} bits. Immutable; build it with {@link #builder()}. Every setting
 * is named {@code rateLimit.<name>} in error messages, Spring XML and the docs.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2577#section-5">RFC 2577 §5: Protecting Passwords</a>
 */
public record RateLimitConfig(
        int maxFailuresPerConnection,
        int maxSessionsPerClient,
        Rate connectionRate,
        int connectionBurst,
        Rate commandRate,
        int commandBurst,
        int maxLoginFailures,
        Duration loginFailureWindow,
        Duration banDuration,
        int banEscalation,
        Duration maxBanDuration,
        int maxConnections,
        Duration loginTimeout,
        Duration loginFailureDelay,
        int ipv4PrefixLength,
        int ipv6PrefixLength,
        CidrSet allowedNetworks,
        CidrSet deniedNetworks,
        boolean dryRun,
        int maxTrackedClients) {

    public RateLimitConfig {
        Settings.checkRange("rateLimit.maxFailuresPerConnection", maxFailuresPerConnection, 1, 100,
                "failed logins on one connection before 421 and close");
        Settings.checkRange("rateLimit.maxSessionsPerClient", maxSessionsPerClient, 0, 10_000, "0 = no limit");
        Settings.required("rateLimit.connectionRate", connectionRate);
        Settings.checkRange("rateLimit.connectionBurst", connectionBurst, 0, 1_000_000, "0 = the rate's count");
        Settings.required("rateLimit.commandRate", commandRate);
        Settings.checkRange("rateLimit.commandBurst", commandBurst, 0, 1_000_000, "0 = the rate's count");
        Settings.checkRange("rateLimit.maxLoginFailures", maxLoginFailures, 0, 10_000,
                "failed logins per loginFailureWindow before a ban, 0 = never ban");
        Settings.checkRange("rateLimit.loginFailureWindow", loginFailureWindow, Duration.ofSeconds(1),
                Duration.ofDays(7));
        Settings.checkRange("rateLimit.banDuration", banDuration, Duration.ofSeconds(1), Duration.ofDays(365));
        Settings.checkRange("rateLimit.banEscalation", banEscalation, 1, 100, "factor per repeated ban, 1 = fixed");
        Settings.checkRange("rateLimit.maxBanDuration", maxBanDuration, banDuration, Duration.ofDays(365));
        Settings.checkRange("rateLimit.maxConnections", maxConnections, 0, 1_000_000, "0 = no limit");
        Settings.checkRange("rateLimit.loginTimeout", loginTimeout, Duration.ZERO, Duration.ofDays(1));
        Settings.checkRange("rateLimit.loginFailureDelay", loginFailureDelay, Duration.ZERO, Duration.ofMinutes(1));
        Settings.checkRange("rateLimit.ipv4PrefixLength", ipv4PrefixLength, 8, 32);
        Settings.checkRange("rateLimit.ipv6PrefixLength", ipv6PrefixLength, 32, 128);
        Settings.required("rateLimit.allowedNetworks", allowedNetworks);
        Settings.required("rateLimit.deniedNetworks", deniedNetworks);
        Settings.checkRange("rateLimit.maxTrackedClients", maxTrackedClients, 1000, 10_000_000);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding every setting of this configuration, to change some and keep the rest:
     * {@code config.toBuilder().maxSessionsPerClient(2).build()}.
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The connection bucket's capacity: {@link #connectionBurst()}, or the rate's count when 0. */
    public long effectiveConnectionBurst() {
        return connectionBurst > 0 ? connectionBurst : connectionRate.count();
    }

    /** The command bucket's capacity: {@link #commandBurst()}, or the rate's count when 0. */
    public long effectiveCommandBurst() {
        return commandBurst > 0 ? commandBurst : commandRate.count();
    }

    /** Builds a {@link RateLimitConfig}; defaults are in the field initialisers, documented on each method. */
    public static final class Builder {
        private int maxFailuresPerConnection = 3;
        private int maxSessionsPerClient = 8;
        private Rate connectionRate = Rate.of(60, Duration.ofMinutes(1));
        private int connectionBurst;
        private Rate commandRate = Rate.of(100, Duration.ofSeconds(1));
        private int commandBurst;
        private int maxLoginFailures = 10;
        private Duration loginFailureWindow = Duration.ofMinutes(10);
        private Duration banDuration = Duration.ofMinutes(10);
        private int banEscalation = 2;
        private Duration maxBanDuration = Duration.ofHours(24);
        private int maxConnections = 1000;
        private Duration loginTimeout = Duration.ofSeconds(60);
        private Duration loginFailureDelay = Duration.ZERO;
        private int ipv4PrefixLength = 32;
        private int ipv6PrefixLength = 64;
        private CidrSet allowedNetworks = CidrSet.EMPTY;
        private CidrSet deniedNetworks = CidrSet.EMPTY;
        private boolean dryRun;
        private int maxTrackedClients = 100_000;

        private Builder() {
        }

        /** A builder holding every setting of {@code config}. */
        private Builder(RateLimitConfig config) {
            maxFailuresPerConnection = config.maxFailuresPerConnection();
            maxSessionsPerClient = config.maxSessionsPerClient();
            connectionRate = config.connectionRate();
            connectionBurst = config.connectionBurst();
            commandRate = config.commandRate();
            commandBurst = config.commandBurst();
            maxLoginFailures = config.maxLoginFailures();
            loginFailureWindow = config.loginFailureWindow();
            banDuration = config.banDuration();
            banEscalation = config.banEscalation();
            maxBanDuration = config.maxBanDuration();
            maxConnections = config.maxConnections();
            loginTimeout = config.loginTimeout();
            loginFailureDelay = config.loginFailureDelay();
            ipv4PrefixLength = config.ipv4PrefixLength();
            ipv6PrefixLength = config.ipv6PrefixLength();
            allowedNetworks = config.allowedNetworks();
            deniedNetworks = config.deniedNetworks();
            dryRun = config.dryRun();
            maxTrackedClients = config.maxTrackedClients();
        }

        /** Failed logins on one connection before {@code 421} and close. Default 3, 1..100. */
        public Builder maxFailuresPerConnection(int value) {
            maxFailuresPerConnection = value;
            return this;
        }

        /** Concurrent connections per client (address or IPv6 network). Default 8, 0 = no limit. */
        public Builder maxSessionsPerClient(int value) {
            maxSessionsPerClient = value;
            return this;
        }

        /** New connections per client, as a token bucket. Default {@code 60/1m}; {@link Rate#OFF} for none. */
        public Builder connectionRate(Rate value) {
            connectionRate = value;
            return this;
        }

        public Builder connectionRate(String value) {
            return connectionRate(Rate.parse("rateLimit.connectionRate", value));
        }

        /** Connections a client may open at once before the rate applies. Default 0 = the rate's count. */
        public Builder connectionBurst(int value) {
            connectionBurst = value;
            return this;
        }

        /** Commands per session; past the burst: {@code 421} and close. Default {@code 100/1s}. */
        public Builder commandRate(Rate value) {
            commandRate = value;
            return this;
        }

        public Builder commandRate(String value) {
            return commandRate(Rate.parse("rateLimit.commandRate", value));
        }

        /** Commands a session may send at once. Default 0 = the rate's count. */
        public Builder commandBurst(int value) {
            commandBurst = value;
            return this;
        }

        /** Failed logins per client within {@link #loginFailureWindow} that start a ban. Default 10, 0 = never. */
        public Builder maxLoginFailures(int value) {
            maxLoginFailures = value;
            return this;
        }

        /** The window failed logins are counted in (a token bucket refilling over it). Default 10m. */
        public Builder loginFailureWindow(Duration value) {
            loginFailureWindow = value;
            return this;
        }

        /** The first ban's length. Default 10m. */
        public Builder banDuration(Duration value) {
            banDuration = value;
            return this;
        }

        /** Each repeated ban lasts this many times the previous one, up to {@link #maxBanDuration}. Default 2. */
        public Builder banEscalation(int value) {
            banEscalation = value;
            return this;
        }

        /**
         * The longest ban. Default 24h. A client whose last ban ended longer ago than this starts again at
         * {@link #banDuration}.
         */
        public Builder maxBanDuration(Duration value) {
            maxBanDuration = value;
            return this;
        }

        /** Connections open at once on this server, all clients. Default 1000, 0 = no limit. */
        public Builder maxConnections(int value) {
            maxConnections = value;
            return this;
        }

        /** Time a connection has to log in before {@code 421} and close. Default 60s, 0 = no limit. */
        public Builder loginTimeout(Duration value) {
            loginTimeout = value;
            return this;
        }

        /**
         * After a failed login the session reads nothing for this long (no worker thread waits), and PASS
         * commands that arrived meanwhile are refused. Default 0 = no delay; at most 1m.
         */
        public Builder loginFailureDelay(Duration value) {
            loginFailureDelay = value;
            return this;
        }

        /** IPv4 addresses are counted by networks of this many bits. Default 32 (each address), 8..32. */
        public Builder ipv4PrefixLength(int value) {
            ipv4PrefixLength = value;
            return this;
        }

        /** IPv6 addresses are counted by networks of this many bits. Default 64, 32..128. */
        public Builder ipv6PrefixLength(int value) {
            ipv6PrefixLength = value;
            return this;
        }

        /** Networks exempt from every limit. Default none. */
        public Builder allowedNetworks(CidrSet value) {
            allowedNetworks = value;
            return this;
        }

        public Builder allowedNetworks(String value) {
            return allowedNetworks(CidrSet.parse("rateLimit.allowedNetworks",
                    Settings.parseList("rateLimit.allowedNetworks", value)));
        }

        public Builder allowedNetworks(List<String> value) {
            return allowedNetworks(CidrSet.parse("rateLimit.allowedNetworks", value));
        }

        /** Networks always refused with {@code 421}. Default none. */
        public Builder deniedNetworks(CidrSet value) {
            deniedNetworks = value;
            return this;
        }

        public Builder deniedNetworks(String value) {
            return deniedNetworks(CidrSet.parse("rateLimit.deniedNetworks",
                    Settings.parseList("rateLimit.deniedNetworks", value)));
        }

        public Builder deniedNetworks(List<String> value) {
            return deniedNetworks(CidrSet.parse("rateLimit.deniedNetworks", value));
        }

        /** Evaluate and report every limit, refuse nothing. Default false. */
        public Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        /**
         * Clients whose state is kept, at most; idle ones are evicted first, never one with an open connection
         * or an active ban. Default 100000, 1000..10000000.
         */
        public Builder maxTrackedClients(int value) {
            maxTrackedClients = value;
            return this;
        }

        public RateLimitConfig build() {
            return new RateLimitConfig(maxFailuresPerConnection, maxSessionsPerClient, connectionRate, connectionBurst,
                    commandRate, commandBurst, maxLoginFailures, loginFailureWindow, banDuration, banEscalation,
                    maxBanDuration, maxConnections, loginTimeout, loginFailureDelay, ipv4PrefixLength,
                    ipv6PrefixLength, allowedNetworks, deniedNetworks, dryRun, maxTrackedClients);
        }
    }
}

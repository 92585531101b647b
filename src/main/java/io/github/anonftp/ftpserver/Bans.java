package io.github.anonftp.ftpserver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Comparator;

import org.apache.ftpserver.FtpServerConfigurationException;

import io.github.anonftp.Settings;
import io.github.anonftp.ratelimit.Ban;
import io.github.anonftp.ratelimit.Cidr;
import io.github.anonftp.ratelimit.ClientKey;
import io.github.anonftp.ratelimit.RateLimiter;

/** {@link BansMBean} over the ftplet's {@link ClientLimits}. */
final class Bans implements BansMBean {

    private final ClientLimits limits;

    Bans(ClientLimits limits) {
        this.limits = limits;
    }

    @Override
    public String ban(String client, String duration) {
        Duration length;
        try {
            length = Settings.parseDuration("duration", duration);
        } catch (FtpServerConfigurationException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        Ban ban = limits.ban(key(client), length);
        return describe(ban);
    }

    @Override
    public boolean unban(String client) {
        return limits.unban(key(client));
    }

    @Override
    public void forget(String client) {
        limits.limiter().forget(key(client));
    }

    @Override
    public String[] getActiveBans() {
        return limits.limiter().activeBans().stream().sorted(Comparator.comparing(b -> b.key().toString()))
                .map(this::describe).toArray(String[]::new);
    }

    private String describe(Ban ban) {
        return ban.key() + " until=" + ban.until() + " remaining=" + Settings.format(ban.remaining(limits.limiter()
                .now())) + " strike=" + ban.strike();
    }

    /** The client key of an IP literal, or of a network that is exactly one client key; never a name lookup. */
    private ClientKey key(String client) {
        RateLimiter limiter = limits.limiter();
        Cidr network;
        try {
            network = Cidr.parse("client", client);
        } catch (FtpServerConfigurationException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        String text = client.strip();
        int slash = text.indexOf('/');
        InetAddress address;
        try {
            address = InetAddress.getByName(slash < 0 ? text : text.substring(0, slash)); // a literal: parsed above
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("client: \"" + client + "\" is not an IP address", e);
        }
        ClientKey key = limiter.keyOf(address);
        boolean single = network.prefixLength() == (network.isIpv6() ? 128 : 32);
        if (slash >= 0 && !single && !key.toString().equals(network.toString())) {
            throw new IllegalArgumentException("client: \"" + client + "\" is not one client key; clients are counted"
                    + " as " + key + " here (an address, or its network of rateLimit.ipv4PrefixLength or"
                    + " ipv6PrefixLength bits)");
        }
        return key;
    }
}

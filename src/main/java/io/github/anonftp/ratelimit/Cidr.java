package io.github.anonftp.ratelimit;

import java.net.InetAddress;

import io.github.anonftp.IpText;
import io.github.anonftp.Settings;

/**
 * An IPv4 or IPv6 network in CIDR notation, such as {@code 192.0.2.0/24} or {@code 2001:db8::/32}.
 *
 * <p>IPv4-mapped IPv6 networks and addresses ({@code ::ffff:192.0.2.0/120}, {@code ::ffff:192.0.2.7}) are
 * always taken as the IPv4 network or address they stand for. An IPv4 network never contains an IPv6 address
 * and an IPv6 network never contains an IPv4 one, so {@code ::/0} holds no IPv4-mapped address. Instances are
 * immutable, thread-safe and compared by value.
 */
public final class Cidr {

    private static final String NETWORK = "an IP network such as 192.0.2.0/24 or 2001:db8::/32, or an IP address";

    private final boolean ipv6;
    private final int prefixLength;
    private final long high;
    private final long low;
    private final int hash;

    /** A network whose bits past {@code prefixLength} are already clear. */
    Cidr(boolean ipv6, int prefixLength, long high, long low) {
        this.ipv6 = ipv6;
        this.prefixLength = prefixLength;
        this.high = high;
        this.low = low;
        this.hash = IpAddresses.hash(ipv6, prefixLength, high, low);
    }

    /** The network of {@code prefixLength} bits that {@code bits} lies in. */
    static Cidr enclosing(IpAddresses.Bits bits, int prefixLength) {
        if (bits.ipv6()) {
            return new Cidr(true, prefixLength, IpAddresses.maskHigh(bits.high(), prefixLength),
                    IpAddresses.maskLow(bits.low(), prefixLength));
        }
        return new Cidr(false, prefixLength, 0, IpAddresses.maskIpv4(bits.low(), prefixLength));
    }

    /**
     * Parses a network ({@code 192.0.2.0/24}, {@code 2001:db8::/32}, {@code 0.0.0.0/0}, {@code ::/0}) or a single
     * address (taken as {@code /32} or {@code /128}). Spaces around the text are ignored. Only IP literals are
     * read: host names are refused, never looked up.
     *
     * @param setting the setting's name, for error messages
     * @param text the network; the prefix length is 0..32 for IPv4, 0..128 for IPv6
     * @throws org.apache.ftpserver.FtpServerConfigurationException naming {@code setting} when {@code text} is not
     *     an IP literal, its prefix length is not a number in range, or its host bits (those past the prefix
     *     length) are not all zero
     */
    public static Cidr parse(String setting, String text) {
        String value = Settings.required(setting, text).strip();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        IpAddresses.Bits bits = parseAddress(setting, text, address);
        int full = bits.ipv6() ? IpAddresses.IPV6_BITS : IpAddresses.IPV4_BITS;
        int length = slash < 0 ? full : parseLength(setting, text, value.substring(slash + 1), full);
        if (bits.ipv6() && IpAddresses.isMapped(bits.high(), bits.low())) {
            if (length < 96) {
                throw Settings.invalid(setting, text,
                        "a prefix length of at least 96 for an IPv4-mapped network, such as ::ffff:192.0.2.0/120");
            }
            bits = IpAddresses.bits(bits.high(), bits.low());
            length -= 96;
        }
        Cidr network = enclosing(bits, length);
        if (network.high != bits.high() || network.low != bits.low()) {
            throw Settings.invalid(setting, text, "a network address with its prefix length, such as " + network
                    + " (host bits must be zero)");
        }
        return network;
    }

    /** Reads the address before any "/", unfolded: an IPv4-mapped address stays IPv6 here. */
    private static IpAddresses.Bits parseAddress(String setting, String text, String address) {
        if (address.isEmpty()) {
            throw Settings.invalid(setting, text, NETWORK);
        }
        if (address.indexOf('[') >= 0 || address.indexOf(']') >= 0) {
            throw Settings.invalid(setting, text, "an IP address without brackets, such as ::1 or 2001:db8::/32");
        }
        if (address.indexOf('%') >= 0) {
            throw Settings.invalid(setting, text, "an IP address without a zone id (%...), such as fe80::/10");
        }
        if (address.indexOf(':') >= 0) {
            long[] ipv6 = IpLiteral.parseIpv6(address);
            if (ipv6 == null) {
                throw Settings.invalid(setting, text, "an IPv6 address of eight groups of 1 to 4 hex digits"
                        + " with at most one \"::\", such as 2001:db8::/32");
            }
            return new IpAddresses.Bits(true, ipv6[0], ipv6[1]);
        }
        if (!address.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) {
            throw Settings.invalid(setting, text,
                    "an IP address, not a host name (names are never looked up), such as 192.0.2.0/24");
        }
        long ipv4 = IpLiteral.parseIpv4(address);
        if (ipv4 < 0) {
            throw Settings.invalid(setting, text, "an IPv4 address of four decimal numbers 0..255"
                    + " without leading zeros, such as 192.0.2.0/24");
        }
        return new IpAddresses.Bits(false, 0, ipv4);
    }

    private static int parseLength(String setting, String text, String length, int full) {
        boolean digits = !length.isEmpty() && length.length() <= 3
                && length.chars().allMatch(c -> c >= '0' && c <= '9');
        int value = digits ? Integer.parseInt(length) : -1;
        if (value < 0 || value > full) {
            String example = full == IpAddresses.IPV4_BITS ? "192.0.2.0/24" : "2001:db8::/32";
            throw Settings.invalid(setting, text,
                    "a prefix length 0.." + full + " after the \"/\", such as " + example);
        }
        return value;
    }

    /**
     * Whether {@code address} lies in this network. An IPv4-mapped IPv6 address is taken as its IPv4 address
     * first; an address of the other family is never contained.
     *
     * @throws IllegalArgumentException if {@code address} is null
     */
    public boolean contains(InetAddress address) {
        IpAddresses.Bits bits = IpAddresses.bits(address);
        if (bits.ipv6() != ipv6) {
            return false;
        }
        if (ipv6) {
            return IpAddresses.maskHigh(bits.high(), prefixLength) == high
                    && IpAddresses.maskLow(bits.low(), prefixLength) == low;
        }
        return IpAddresses.maskIpv4(bits.low(), prefixLength) == low;
    }

    /** Whether this is an IPv6 network (IPv4-mapped networks are IPv4). */
    public boolean isIpv6() {
        return ipv6;
    }

    /** The number of leading bits that define the network: 0..32 for IPv4, 0..128 for IPv6. */
    public int prefixLength() {
        return prefixLength;
    }

    /** Canonical text, always with the prefix length: {@code 192.0.2.0/24}, {@code 2001:db8::/32} (RFC 5952). */
    @Override
    public String toString() {
        return (ipv6 ? IpText.ipv6(high, low) : IpText.ipv4(low)) + "/" + prefixLength;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && hash == cidr.hash && low == cidr.low && high == cidr.high
                && prefixLength == cidr.prefixLength && ipv6 == cidr.ipv6;
    }

    @Override
    public int hashCode() {
        return hash;
    }
}

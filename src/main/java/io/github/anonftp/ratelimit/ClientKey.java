package io.github.anonftp.ratelimit;

import java.net.InetAddress;

import io.github.anonftp.IpText;

/**
 * The identity the rate limiter counts by: an IPv4 address (or {@code /n} network), or an IPv6 network.
 *
 * <p>An IPv6 client usually holds a whole {@code /64} (often a {@code /56} or {@code /48}), so counting single
 * IPv6 addresses would let it evade any limit; its key is therefore the network its address lies in. IPv4 keys
 * are usually single addresses ({@code /32}).
 *
 * <p>Two keys are equal when they have the same family, the same prefix length and the same network bits. The
 * hash code is computed once, so keys are cheap to use in hash maps. Instances are immutable and thread-safe.
 */
public final class ClientKey {

    private final boolean ipv6;
    private final int prefixLength;
    private final long high;
    private final long low;
    private final int hash;

    private ClientKey(boolean ipv6, int prefixLength, long high, long low) {
        this.ipv6 = ipv6;
        this.prefixLength = prefixLength;
        this.high = high;
        this.low = low;
        this.hash = IpAddresses.hash(ipv6, prefixLength, high, low);
    }

    /**
     * The key of a client at {@code address}. An IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) is taken as
     * the IPv4 address {@code a.b.c.d}; an IPv4-compatible one ({@code ::a.b.c.d}, deprecated) stays IPv6. An IPv6
     * zone (scope id) is ignored.
     *
     * @param address the client's address
     * @param ipv4PrefixLength how many leading bits of an IPv4 address count, 1..32 (32 = each address alone)
     * @param ipv6PrefixLength how many leading bits of an IPv6 address count, 1..128 (usually 64)
     * @throws IllegalArgumentException if {@code address} is null or a prefix length is out of range
     */
    public static ClientKey of(InetAddress address, int ipv4PrefixLength, int ipv6PrefixLength) {
        checkLength("ipv4PrefixLength", ipv4PrefixLength, IpAddresses.IPV4_BITS);
        checkLength("ipv6PrefixLength", ipv6PrefixLength, IpAddresses.IPV6_BITS);
        IpAddresses.Bits bits = IpAddresses.bits(address);
        if (bits.ipv6()) {
            return new ClientKey(true, ipv6PrefixLength, IpAddresses.maskHigh(bits.high(), ipv6PrefixLength),
                    IpAddresses.maskLow(bits.low(), ipv6PrefixLength));
        }
        return new ClientKey(false, ipv4PrefixLength, 0, IpAddresses.maskIpv4(bits.low(), ipv4PrefixLength));
    }

    private static void checkLength(String name, int length, int max) {
        if (length < 1 || length > max) {
            throw new IllegalArgumentException(name + " is " + length + "; expected 1.." + max);
        }
    }

    /** Whether this key is an IPv6 network (IPv4-mapped addresses give IPv4 keys). */
    public boolean isIpv6() {
        return ipv6;
    }

    /** The number of leading address bits this key keeps: 1..32 for IPv4, 1..128 for IPv6. */
    public int prefixLength() {
        return prefixLength;
    }

    /**
     * The key as text: {@code 203.0.113.7} for a whole IPv4 address, {@code 203.0.113.0/24} for an IPv4 network,
     * {@code 2001:db8:1:2::/64} for an IPv6 network in RFC 5952 form, and {@code 2001:db8::1} for a {@code /128}.
     */
    @Override
    public String toString() {
        String address = ipv6 ? IpText.ipv6(high, low) : IpText.ipv4(low);
        int full = ipv6 ? IpAddresses.IPV6_BITS : IpAddresses.IPV4_BITS;
        return prefixLength == full ? address : address + "/" + prefixLength;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClientKey key && hash == key.hash && low == key.low && high == key.high
                && prefixLength == key.prefixLength && ipv6 == key.ipv6;
    }

    @Override
    public int hashCode() {
        return hash;
    }
}

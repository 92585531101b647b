package io.github.anonftp.ratelimit;

import java.net.InetAddress;


/**
 * Bit arithmetic shared by {@link ClientKey}, {@link Cidr} and {@link CidrSet}. An address is held as two longs:
 * an IPv6 address as its high and low 64 bits, an IPv4 address as {@code high = 0} and the 32 bits, unsigned, in
 * {@code low}.
 */
final class IpAddresses {

    static final int IPV4_BITS = 32;
    static final int IPV6_BITS = 128;

    private IpAddresses() {
    }

    /** An address as bits: {@code {high, low}}, and whether it is IPv6 after folding IPv4-mapped addresses. */
    record Bits(boolean ipv6, long high, long low) {
    }

    /** The bits of {@code address}; an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) becomes IPv4. */
    static Bits bits(InetAddress address) {
        if (address == null) {
            throw new IllegalArgumentException("address is null");
        }
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return new Bits(false, 0, toLong(bytes, 0, 4));
        }
        return bits(toLong(bytes, 0, 8), toLong(bytes, 8, 8));
    }

    /** The bits of the IPv6 address {@code high:low}, folded to IPv4 when it is IPv4-mapped. */
    static Bits bits(long high, long low) {
        if (isMapped(high, low)) {
            return new Bits(false, 0, low & 0xffff_ffffL);
        }
        return new Bits(true, high, low);
    }

    /** Whether {@code high:low} lies in {@code ::ffff:0:0/96}. */
    static boolean isMapped(long high, long low) {
        return high == 0 && (low >>> 32) == 0xffffL;
    }

    private static long toLong(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = offset; i < offset + length; i++) {
            value = (value << 8) | (bytes[i] & 0xff);
        }
        return value;
    }

    /** The leading {@code bits} (0..64) of a long set, the rest clear. */
    static long mask64(int bits) {
        return bits == 0 ? 0 : -1L << (Long.SIZE - bits);
    }

    /** The high half of an IPv6 address with all but the first {@code length} (0..128) bits cleared. */
    static long maskHigh(long high, int length) {
        return high & mask64(Math.min(length, 64));
    }

    /** The low half of an IPv6 address with all but the first {@code length} (0..128) bits cleared. */
    static long maskLow(long low, int length) {
        return low & mask64(Math.max(length - 64, 0));
    }

    /** An IPv4 address (32 bits in a long) with all but the first {@code length} (0..32) bits cleared. */
    static long maskIpv4(long value, int length) {
        return value & (mask64(length) >>> 32);
    }

    /** A well-spread hash of a key: family, prefix length and masked bits all take part. */
    static int hash(boolean ipv6, int length, long high, long low) {
        long h = high * 0x9e37_79b9_7f4a_7c15L + low;
        h = h * 0x9e37_79b9_7f4a_7c15L + (ipv6 ? 256 : 0) + length;
        // MurmurHash3's 64-bit finaliser: every input bit affects the low 32 bits HashMap uses.
        h ^= h >>> 33;
        h *= 0xff51_afd7_ed55_8ccdL;
        h ^= h >>> 33;
        h *= 0xc4ce_b9fe_1a85_ec53L;
        h ^= h >>> 33;
        return (int) h;
    }
}

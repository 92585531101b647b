package io.github.anonftp.ratelimit;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.github.anonftp.Settings;

/**
 * A set of networks, matched quickly however many there are: a lookup probes one hash set per distinct prefix
 * length present (at most 33 for IPv4 and 129 for IPv6), never each network in turn. Overlapping networks are
 * kept as given; exact duplicates are kept once. Immutable and thread-safe.
 */
public final class CidrSet {

    /** The set without networks: it contains no address. */
    public static final CidrSet EMPTY = new CidrSet(List.of());

    private final List<Cidr> networks;
    private final Set<Cidr> members;
    private final int[] ipv4Lengths;
    private final int[] ipv6Lengths;

    private CidrSet(List<Cidr> networks) {
        this.members = Set.copyOf(networks);
        this.networks = List.copyOf(new LinkedHashSet<>(networks));
        this.ipv4Lengths = lengths(networks, false);
        this.ipv6Lengths = lengths(networks, true);
    }

    /** The distinct prefix lengths of one family, shortest first (so a catch-all {@code /0} answers at once). */
    private static int[] lengths(List<Cidr> networks, boolean ipv6) {
        Set<Integer> lengths = new TreeSet<>();
        for (Cidr network : networks) {
            if (network.isIpv6() == ipv6) {
                lengths.add(network.prefixLength());
            }
        }
        return lengths.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Parses each entry with {@link Cidr#parse(String, String)}.
     *
     * @param setting the setting's name, for error messages
     * @param entries the networks or addresses, such as {@code 192.0.2.0/24} and {@code 2001:db8::1}
     * @throws org.apache.ftpserver.FtpServerConfigurationException naming {@code setting} and the first bad entry
     */
    public static CidrSet parse(String setting, List<String> entries) {
        Settings.required(setting, entries);
        List<Cidr> networks = new ArrayList<>(entries.size());
        for (String entry : entries) {
            networks.add(Cidr.parse(setting, entry));
        }
        return of(networks);
    }

    /**
     * The set of {@code networks}.
     *
     * @throws NullPointerException if {@code networks} or one of its elements is null
     */
    public static CidrSet of(List<Cidr> networks) {
        return networks.isEmpty() ? EMPTY : new CidrSet(networks);
    }

    /**
     * Whether any network of this set contains {@code address} (see {@link Cidr#contains(InetAddress)}).
     *
     * @throws IllegalArgumentException if {@code address} is null
     */
    public boolean contains(InetAddress address) {
        IpAddresses.Bits bits = IpAddresses.bits(address);
        for (int length : bits.ipv6() ? ipv6Lengths : ipv4Lengths) {
            if (members.contains(Cidr.enclosing(bits, length))) {
                return true;
            }
        }
        return false;
    }

    /** How many hash sets a lookup may probe, for tests: the distinct prefix lengths over both families. */
    int distinctPrefixLengths() {
        return ipv4Lengths.length + ipv6Lengths.length;
    }

    /** Whether this set has no networks. */
    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** The networks in the order given, each once. */
    public List<Cidr> networks() {
        return networks;
    }

    /** The networks as {@code [192.0.2.0/24, 2001:db8::/32]}. */
    @Override
    public String toString() {
        return networks.toString();
    }

    /** Sets are equal when they hold the same networks, in any order: configurations compare by value. */
    @Override
    public boolean equals(Object other) {
        return other instanceof CidrSet set && members.equals(set.members);
    }

    @Override
    public int hashCode() {
        return members.hashCode();
    }
}

package io.github.anonftp.accesslog;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import io.github.anonftp.IpText;

/** Cuts IP texts and client keys to their /24 (IPv4) or /48 (IPv6) network, without ever asking a resolver. */
final class IpPrefix {

    /** What TRUNCATE writes for text that is not an IP literal, so that nothing unparsed reaches the log. */
    static final String NOT_AN_ADDRESS = "-";

    private static final int IPV4_BITS = 24;
    private static final int IPV6_BITS = 48;
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern PREFIX = Pattern.compile("[0-9]{1,3}");

    private IpPrefix() {
    }

    /**
     * The network of {@code text} ({@code address} or {@code address/n}). With {@code keepLength}, the result
     * ends with the prefix length kept, the shorter of {@code n} and 24 or 48.
     */
    static String truncate(String text, boolean keepLength) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        InetAddress parsed = literal(address);
        if (parsed == null || slash >= 0 && !PREFIX.matcher(text.substring(slash + 1)).matches()) {
            return NOT_AN_ADDRESS;
        }
        boolean ipv4 = parsed instanceof Inet4Address;
        int own = slash < 0 ? (ipv4 ? 32 : 128) : Integer.parseInt(text.substring(slash + 1));
        int bits = Math.min(own, ipv4 ? IPV4_BITS : IPV6_BITS);
        String network = IpText.network(parsed, bits, bits);
        return keepLength ? network + "/" + bits : network;
    }

    /**
     * The address of an IP literal, or null. Only text shaped like a literal reaches {@link InetAddress#getByName}:
     * it parses such text itself (refusing bad IPv6 text) and would send anything else to the name service.
     */
    private static InetAddress literal(String text) {
        if (!IPV4.matcher(text).matches() && !IPV6.matcher(text).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}

package io.github.anonftp.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Test addresses from literals and bytes; never from names, so no test does DNS. */
final class Addresses {

    private Addresses() {
    }

    /** The address of an IP literal (the JDK reads literals without DNS). */
    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** The address of 4 or 16 bytes; like every {@code InetAddress} factory, it folds IPv4-mapped bytes. */
    static InetAddress ip(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A real {@link Inet6Address} for {@code ::ffff:a.b.c.d}, as only {@code Inet6Address.getByAddress} makes. */
    static InetAddress mappedInet6(int a, int b, int c, int d) {
        byte[] bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = (byte) a;
        bytes[13] = (byte) b;
        bytes[14] = (byte) c;
        bytes[15] = (byte) d;
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}

package io.github.anonftp.bench;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Random;

import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A fixed pool of distinct IPv4 addresses ({@code 10.0.0.0/8}) shared by all benchmark threads, in a shuffled
 * but reproducible order so that consecutive operations do not touch neighbouring hash buckets.
 */
@State(Scope.Benchmark)
public class AddressPool {

    /** Distinct addresses, that is distinct clients of the limiter. */
    @Param({"1000", "100000"})
    public int addresses;

    private InetAddress[] pool;

    @Setup
    public void setUp() {
        pool = new InetAddress[addresses];
        for (int i = 0; i < addresses; i++) {
            pool[i] = ipv4(i);
        }
        shuffle(pool, new Random(1635));
    }

    InetAddress get(int index) {
        return pool[index];
    }

    int size() {
        return pool.length;
    }

    /** The {@code n}-th address of {@code 10.0.0.0/8}; {@code n} below 2<sup>24</sup>. */
    static InetAddress ipv4(int n) {
        try {
            return InetAddress.getByAddress(new byte[] {10, (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a four-byte address is always valid", e);
        }
    }

    private static void shuffle(InetAddress[] array, Random random) {
        for (int i = array.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            InetAddress swap = array[i];
            array[i] = array[j];
            array[j] = swap;
        }
    }
}

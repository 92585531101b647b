package io.github.anonftp.bench;

import java.net.InetAddress;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * One benchmark thread's walk through the {@link AddressPool}, round and round. Each thread starts at its own
 * share of the pool, so threads rarely hit the same client at the same time.
 */
@State(Scope.Thread)
public class AddressCursor {

    private AddressPool pool;
    private int size;
    private int index;

    @Setup
    public void setUp(AddressPool addresses, ThreadParams thread) {
        pool = addresses;
        size = addresses.size();
        index = (int) ((long) size * thread.getThreadIndex() / thread.getThreadCount());
    }

    /** The next address of this thread's walk. */
    InetAddress next() {
        InetAddress address = pool.get(index);
        if (++index == size) {
            index = 0;
        }
        return address;
    }
}

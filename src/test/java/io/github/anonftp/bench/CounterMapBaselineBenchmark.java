package io.github.anonftp.bench;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.github.anonftp.ratelimit.ClientKey;

/**
 * The baseline the limiter's numbers are divided by: the least a per-client session count can cost. One
 * operation derives the {@link ClientKey} of the cursor's next address (as {@code admit} does), then increments
 * and decrements its counter with {@code ConcurrentHashMap.compute}, on the same {@link AddressPool} as
 * {@link AdmissionBenchmark}. No limit, no eviction, no expiry, no token bucket.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CounterMapBaselineBenchmark {

    /** One map per trial, shared by all threads. */
    @State(Scope.Benchmark)
    public static class Counters {

        final ConcurrentHashMap<ClientKey, int[]> sessions = new ConcurrentHashMap<>();

        @Setup
        public void setUp() {
            sessions.clear();
        }
    }

    /** Counts one session of the next address up and down again; returns the counter. */
    @Benchmark
    public int[] incrementAndDecrement(Counters counters, AddressCursor cursor) {
        InetAddress address = cursor.next();
        ClientKey key = ClientKey.of(address, 32, 64);
        int[] open = counters.sessions.compute(key, (k, count) -> {
            int[] value = count == null ? new int[1] : count;
            value[0]++;
            return value;
        });
        counters.sessions.compute(key, (k, count) -> {
            count[0]--;
            return count;
        });
        return open;
    }
}

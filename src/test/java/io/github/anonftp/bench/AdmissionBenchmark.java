package io.github.anonftp.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import io.github.anonftp.ratelimit.Admission;
import io.github.anonftp.ratelimit.InMemoryRateLimiter;
import io.github.anonftp.ratelimit.Rate;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.RateLimitStats;

/**
 * One connection's way through the in-memory limiter: {@code admit(address)} and, when allowed,
 * {@code lease.release()}. One operation is admit plus release, for an address drawn in turn from an
 * {@link AddressPool}. Compare with {@link CounterMapBaselineBenchmark} from the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AdmissionBenchmark {

    /** The limiter under test, one per trial, shared by all threads. */
    @State(Scope.Benchmark)
    public static class Limiter {

        /**
         * {@code rateOff}: the default configuration without a connection rate, so nothing is refused;
         * {@code rateHigh}: the default configuration with a connection rate of 1 000 000 000/1s, so every
         * admission takes a token from the client's bucket and none is refused;
         * {@code default}: the default configuration (60/1m per client), so after each client's burst of 60
         * nearly every admission is refused by the token bucket (see the {@code :refused} counter).
         */
        @Param({"rateOff", "rateHigh", "default"})
        public String config;

        InMemoryRateLimiter limiter;

        @Setup
        public void setUp() {
            limiter = new InMemoryRateLimiter(config(config));
        }

        @TearDown
        public void report() {
            RateLimitStats stats = limiter.stats();
            System.out.printf("%n[limiter %s] tracked clients %d, evictions %d, open connections %d, refusals %s%n",
                    config, stats.trackedClients(), stats.evictions(), stats.openConnections(), stats.refusals());
        }

        static RateLimitConfig config(String name) {
            return switch (name) {
                case "rateOff" -> RateLimitConfig.builder().connectionRate(Rate.OFF).build();
                case "rateHigh" -> RateLimitConfig.builder()
                        .connectionRate(Rate.of(1_000_000_000L, Duration.ofSeconds(1))).build();
                case "default" -> RateLimitConfig.builder().build();
                default -> throw new IllegalArgumentException("unknown limiter config " + name);
            };
        }
    }

    /** Admits the cursor's next address and releases the lease at once; true when it was allowed. */
    @Benchmark
    public boolean admitAndRelease(Limiter state, AddressCursor cursor, Outcomes outcomes) {
        Admission admission = state.limiter.admit(cursor.next());
        if (admission.isAllowed()) {
            admission.lease().release();
            return outcomes.count(true);
        }
        return outcomes.count(false);
    }
}

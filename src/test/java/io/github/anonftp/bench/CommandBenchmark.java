package io.github.anonftp.bench;

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
import org.openjdk.jmh.infra.ThreadParams;

import io.github.anonftp.ratelimit.Admission;
import io.github.anonftp.ratelimit.InMemoryRateLimiter;
import io.github.anonftp.ratelimit.Lease;
import io.github.anonftp.ratelimit.RateLimitConfig;

/**
 * The per-command check: {@code lease.tryCommand()} on a lease held for the whole trial, one lease (one client,
 * one session) per thread. One operation is one {@code tryCommand()}, which takes a token from the session's
 * Bucket4j command bucket.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CommandBenchmark {

    /** The limiter, shared by all threads. */
    @State(Scope.Benchmark)
    public static class Limiter {

        /**
         * {@code 1000000000/1s}: a budget so large that it is never spent, so every call is allowed and takes a
         * real token from the bucket; {@code 100/1s}: the default budget, spent after the first 100 calls, so
         * this variant measures the refusal (see the {@code :refused} counter).
         */
        @Param({"1000000000/1s", "100/1s"})
        public String commandRate;

        InMemoryRateLimiter limiter;

        @Setup
        public void setUp() {
            limiter = new InMemoryRateLimiter(RateLimitConfig.builder().commandRate(commandRate).build());
        }
    }

    /** One thread's session: admitted from its own address at the start of the trial, released at the end. */
    @State(Scope.Thread)
    public static class Session {

        Lease lease;

        @Setup
        public void open(Limiter state, ThreadParams thread) {
            Admission admission = state.limiter.admit(AddressPool.ipv4(0xFF0000 + thread.getThreadIndex()));
            if (!admission.isAllowed()) {
                throw new IllegalStateException("the session was not admitted: " + admission);
            }
            lease = admission.lease();
        }

        @TearDown
        public void close() {
            lease.release();
        }
    }

    /** Checks one command against the session's budget; true when allowed. */
    @Benchmark
    public boolean tryCommand(Session session, Outcomes outcomes) {
        return outcomes.count(session.lease.tryCommand());
    }
}

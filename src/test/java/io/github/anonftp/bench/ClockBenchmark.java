package io.github.anonftp.bench;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The price of one clock read on this machine, for reading the other results: the limiter takes its time from
 * {@code Clock.systemUTC().instant()} (wall clock, as {@code ClockTime} does) on every time-based decision, and
 * JMH's stack profiler puts much of the admission's time there. {@code System.nanoTime()} for comparison.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class ClockBenchmark {

    private final Clock clock = Clock.systemUTC();

    /** One {@code Clock.systemUTC().instant()}. */
    @Benchmark
    public Instant systemClockInstant() {
        return clock.instant();
    }

    /** One {@code System.nanoTime()}. */
    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }
}

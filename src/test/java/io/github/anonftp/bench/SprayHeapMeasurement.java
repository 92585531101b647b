package io.github.anonftp.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;

import io.github.anonftp.ratelimit.Admission;
import io.github.anonftp.ratelimit.InMemoryRateLimiter;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.RateLimitStats;

/**
 * Heap growth of an address spray, not a JMH benchmark: one connection (admit, then release) from each of
 * {@code N} distinct IPv4 addresses (default 1 000 000), into a fresh {@link InMemoryRateLimiter}. Used heap is
 * read after {@code System.gc()} before the limiter is built and after the spray, while the limiter is still
 * reachable; the difference is what the limiter keeps. Runs twice: with the default configuration
 * ({@code maxTrackedClients} 100 000, so the spray evicts) and with {@code maxTrackedClients} = N (every
 * client kept), which gives the memory per tracked client.
 *
 * <p>Run: {@code mvn -q -Pbench test-compile exec:exec@spray}; an argument sets N.
 */
public final class SprayHeapMeasurement {

    private static final double MIB = 1024.0 * 1024.0;
    private static final int GC_ROUNDS = 5;

    private SprayHeapMeasurement() {
    }

    public static void main(String[] args) throws InterruptedException {
        int addresses = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf("spray of %,d distinct IPv4 addresses, one admit+release each%n", addresses);
        System.out.printf("%-32s %14s %12s %10s %14s %16s%n", "configuration", "tracked", "evictions", "refused",
                "heap growth", "per tracked");
        report("default (maxTrackedClients 100000)", spray(RateLimitConfig.builder().build(), addresses));
        report("maxTrackedClients " + addresses,
                spray(RateLimitConfig.builder().maxTrackedClients(addresses).build(), addresses));
    }

    /** What one spray left behind. */
    record Result(RateLimitStats stats, long refused, long heapGrowthBytes) {
    }

    static Result spray(RateLimitConfig config, int addresses) throws InterruptedException {
        long before = usedHeapAfterGc();
        InMemoryRateLimiter limiter = new InMemoryRateLimiter(config);
        long refused = 0;
        for (int i = 0; i < addresses; i++) {
            Admission admission = limiter.admit(AddressPool.ipv4(i));
            if (admission.isAllowed()) {
                admission.lease().release();
            } else {
                refused++;
            }
        }
        RateLimitStats stats = limiter.stats();
        long after = usedHeapAfterGc();
        Reference.reachabilityFence(limiter);
        return new Result(stats, refused, after - before);
    }

    private static void report(String name, Result result) {
        long tracked = result.stats().trackedClients();
        System.out.printf("%-32s %,14d %,12d %,10d %10.1f MiB %12.0f B%n", name, tracked, result.stats().evictions(),
                result.refused(), result.heapGrowthBytes() / MIB,
                tracked == 0 ? 0.0 : (double) result.heapGrowthBytes() / tracked);
    }

    /** The least used heap seen over a few full collections. */
    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < GC_ROUNDS; i++) {
            System.gc();
            Thread.sleep(100);
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}

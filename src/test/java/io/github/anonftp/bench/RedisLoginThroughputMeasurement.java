package io.github.anonftp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.commons.net.ftp.FTPClient;

import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.redis.RedisConfig;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RedisServer;

/**
 * Anonymous logins per second in Redis farm mode versus in memory, two servers in one process (the Redis one on
 * a local redis-server this starts) measured in alternating rounds: each session connects, logs in as anonymous,
 * quits. Both have the same limits, every one in use but raised above the load (sessions per client, connection
 * rate, failure counting), so that the farm server runs its admission script and its USER and PASS ban checks in
 * Redis for every login. Two warm-up rounds each first. Prints each round, the ratio of the medians and the
 * median of each round's ratio (each pair of rounds ran back to back, so it shares the machine's load of the
 * moment). Arguments: threads (8), rounds per server (5), seconds per round (3).
 */
public final class RedisLoginThroughputMeasurement {

    private RedisLoginThroughputMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path work = Files.createTempDirectory("anonftp-redis-bench");
        Files.createDirectories(work.resolve("root/pub"));
        try (RedisServer redis = RedisServer.start(); AnonFtpServer memory = server(work, null);
                AnonFtpServer farm = server(work, RedisConfig.builder().redis(redis.url()).build())) {
            memory.start();
            farm.start();
            List<Double> memoryRates = new ArrayList<>();
            List<Double> farmRates = new ArrayList<>();
            for (int warmUp = 0; warmUp < 2; warmUp++) { // the JIT first: later rounds ran faster with 1 s only
                run(memory.port(), threads, seconds);
                run(farm.port(), threads, seconds);
            }
            List<Double> ratios = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                memoryRates.add(run(memory.port(), threads, seconds));
                farmRates.add(run(farm.port(), threads, seconds));
                ratios.add(farmRates.get(round) / memoryRates.get(round));
                System.out.printf(Locale.ROOT, "round %d: in memory %.0f logins/s, Redis %.0f logins/s%n", round + 1,
                        memoryRates.get(round), farmRates.get(round));
            }
            System.out.printf(Locale.ROOT, "median: in memory %.0f, Redis %.0f logins/s; Redis/memory = %.3f,"
                    + " median of the rounds' ratios %.3f (%d threads, %d rounds of %d s); Redis store: %s%n",
                    median(memoryRates), median(farmRates), median(farmRates) / median(memoryRates), median(ratios),
                    threads, rounds, seconds,
                    farm.rateLimiter().stats().shared());
        }
    }

    private static AnonFtpServer server(Path work, RedisConfig redis) {
        AnonFtpServer.Builder builder = AnonFtpServer.builder()
                .anonymous(AnonymousConfig.builder().homeDirectory(work.resolve("root")).maxSessions(0).build())
                .rateLimit(RateLimitConfig.builder().maxSessionsPerClient(1000).connectionRate("100000000/1s")
                        .commandRate("100000000/1s").maxConnections(0).maxLoginFailures(10_000).build())
                .accessLog(AccessLogConfig.builder().destination(AccessLogConfig.NONE).build())
                .maxLogins(100_000);
        if (redis != null) {
            builder.redis(redis);
        }
        return builder.build();
    }

    /** Logins per second from {@code threads} loops over {@code seconds}. */
    private static double run(int port, int threads, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<Integer>> counts = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            counts.add(pool.submit(() -> {
                int done = 0;
                while (System.nanoTime() < end) {
                    FTPClient client = new FTPClient();
                    client.setConnectTimeout(5000);
                    client.setDefaultTimeout(5000);
                    client.connect("127.0.0.1", port);
                    client.setTcpNoDelay(true);
                    if (client.login("anonymous", "bench@example.com")) {
                        done++;
                    }
                    client.logout();
                    client.disconnect();
                }
                return done;
            }));
        }
        int total = 0;
        for (Future<Integer> count : counts) {
            total += count.get();
        }
        pool.shutdown();
        return total / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }

}

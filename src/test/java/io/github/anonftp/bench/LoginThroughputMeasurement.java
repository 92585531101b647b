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
import io.github.anonftp.ratelimit.Rate;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.server.AnonFtpServer;

/**
 * Anonymous logins per second with the access log written to a file versus no access log, two servers in
 * one process measured in alternating rounds: each session connects, logs in as anonymous, quits. Limits are
 * raised above the load. Prints each round and the ratio of the medians. Arguments: threads (8), rounds per
 * server (5), seconds per round (3).
 */
public final class LoginThroughputMeasurement {

    private LoginThroughputMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path work = Files.createTempDirectory("anonftp-login-bench");
        Files.createDirectories(work.resolve("root/pub"));
        try (AnonFtpServer off = server(work, AccessLogConfig.NONE); AnonFtpServer file =
                server(work, work.resolve("access.jsonl").toString())) {
            off.start();
            file.start();
            List<Double> offRates = new ArrayList<>();
            List<Double> fileRates = new ArrayList<>();
            run(off.port(), threads, 1); // warm-up
            run(file.port(), threads, 1);
            for (int round = 0; round < rounds; round++) {
                offRates.add(run(off.port(), threads, seconds));
                fileRates.add(run(file.port(), threads, seconds));
                System.out.printf(Locale.ROOT, "round %d: no log %.0f logins/s, file log %.0f logins/s%n", round + 1,
                        offRates.get(round), fileRates.get(round));
            }
            System.out.printf(Locale.ROOT, "median: no log %.0f, file log %.0f logins/s; file/none = %.3f"
                    + " (%d threads, %d rounds of %d s); %d lines written%n", median(offRates), median(fileRates),
                    median(fileRates) / median(offRates), threads, rounds, seconds,
                    Files.readAllLines(work.resolve("access.jsonl")).size());
        }
    }

    private static AnonFtpServer server(Path work, String destination) {
        return AnonFtpServer.builder()
                .anonymous(AnonymousConfig.builder().homeDirectory(work.resolve("root")).maxSessions(0).build())
                .rateLimit(RateLimitConfig.builder().maxSessionsPerClient(0).connectionRate(Rate.OFF)
                        .commandRate(Rate.OFF).maxConnections(0).maxLoginFailures(0).build())
                .accessLog(AccessLogConfig.builder().destination(destination).build())
                .maxLogins(100_000)
                .build();
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

package io.github.anonftp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.redis.RedisConfig;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.RawUpload;
import io.github.anonftp.testing.RedisServer;

/**
 * What farm mode keeps in Redis per client, measured on a real redis-server this starts: {@code clients} guests
 * from distinct loopback addresses ({@code 127.16.0.0} on) log in to a farm node and stay logged in, first
 * without upload quotas, then (a fresh Redis and node) each also uploading one small file into the drop box
 * with both upload quotas on. Prints, for each run, Redis's {@code used_memory} growth per client while the second
 * half of the clients log in (the first half takes the one-time allocations), what each frees when it quits,
 * and {@code MEMORY USAGE} per key kind ({@code :slots},
 * {@code :conn}, {@code :upbytes}, {@code :upfiles}). The connection rate is {@code 60/1h}, so that no
 * {@code :conn} key expires during the spray (the default {@code 60/1m} drops it 2 s after a connection; its size
 * does not depend on the rate). Arguments: clients (5000), upload size in bytes (1024), threads (8).
 */
public final class RedisMemoryMeasurement {

    private RedisMemoryMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int uploadBytes = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path work = Files.createTempDirectory("anonftp-redis-memory");
        try {
            measure("logins, no upload quotas", work.resolve("a"), clients, 0, threads);
            measure("logins and one upload each, upload quotas on", work.resolve("b"), clients, uploadBytes, threads);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static void measure(String title, Path work, int clients, int uploadBytes, int threads)
            throws Exception {
        Files.createDirectories(work.resolve("root/pub"));
        Path incoming = Files.createDirectories(work.resolve("incoming"));
        RateLimitConfig.Builder limits = RateLimitConfig.builder().connectionRate("60/1h").maxConnections(0)
                .commandRate("100000/1s");
        if (uploadBytes > 0) {
            limits.uploadQuotaPerClient("100MiB/1d").uploadFilesPerClient("100/1d");
        }
        try (RedisServer redis = RedisServer.start();
                AnonFtpServer server = AnonFtpServer.builder()
                        .anonymous(AnonymousConfig.builder().homeDirectory(work.resolve("root"))
                                .uploadDirectory(incoming).maxSessions(0).build())
                        .rateLimit(limits.build())
                        .redis(RedisConfig.builder().redis(redis.url()).redisTimeout("2s").build())
                        .accessLog(AccessLogConfig.builder().destination(AccessLogConfig.NONE).build())
                        .maxLogins(clients + 100).build()) {
            server.start();
            int half = clients / 2;
            ConcurrentLinkedQueue<AutoCloseable> first = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<AutoCloseable> second = new ConcurrentLinkedQueue<>();
            long m0 = usedMemory(redis);
            long start = System.nanoTime();
            spray(server.port(), 0, half, uploadBytes, threads, first); // one-time allocations land here
            long m1 = settledMemory(redis);
            spray(server.port(), half, clients, uploadBytes, threads, second);
            double seconds = (System.nanoTime() - start) / 1e9;
            long m2 = settledMemory(redis);
            Map<String, double[]> keys = keySizes(redis);
            closeAll(second);
            awaitSlots(redis, half);
            long m3 = settledMemory(redis);
            closeAll(first);
            awaitSlots(redis, 0);
            int measured = clients - half;
            double held = (m2 - m1) / (double) measured;
            double freed = (m2 - m3) / (double) measured;
            System.out.printf(Locale.ROOT, "%n%s: %d clients in %.1f s, %s%n", title, clients, seconds,
                    server.rateLimiter().stats().shared());
            System.out.printf(Locale.ROOT, "used_memory per client (the second %d): %.0f B with its session open,"
                    + " %.0f B freed when it quits, %.0f B left after; over all %d from the start: %.0f B%n", measured,
                    held, freed, held - freed, clients, (m2 - m0) / (double) clients);
            keys.forEach((kind, size) -> System.out.printf(Locale.ROOT,
                    "  %-9s %6.0f keys, MEMORY USAGE mean %.0f B (min %.0f, max %.0f)%n", kind, size[0],
                    size[1] / size[0], size[2], size[3]));
        }
    }

    private static void closeAll(ConcurrentLinkedQueue<AutoCloseable> sessions) throws Exception {
        for (AutoCloseable session : sessions) {
            session.close();
        }
    }

    /** {@code used_memory} after a second for releases and renewals in flight. */
    private static long settledMemory(RedisServer redis) throws Exception {
        Thread.sleep(1000);
        return usedMemory(redis);
    }

    /** Clients {@code from} (inclusive) to {@code to}, each from its own address, their sessions left open. */
    private static void spray(int port, int from, int to, int uploadBytes, int threads,
            ConcurrentLinkedQueue<AutoCloseable> open) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = from + t;
                done.add(pool.submit(() -> {
                    for (int i = first; i < to; i += threads) {
                        String source = "127." + (16 + (i >>> 16)) + "." + ((i >>> 8) & 255) + "." + (i & 255);
                        open.add(uploadBytes > 0 ? upload(port, source, i, uploadBytes) : login(port, source));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static RawFtp login(int port, String source) throws IOException {
        RawFtp ftp = RawFtp.connect("127.0.0.1", port, source);
        expect(ftp.reply(), "220");
        expect(ftp.command("USER anonymous"), "331");
        expect(ftp.command("PASS spray@example.org"), "230");
        return ftp;
    }

    private static RawUpload upload(int port, String source, int n, int bytes) throws IOException {
        RawUpload upload = RawUpload.start(port, source, "/incoming/u" + n + ".bin");
        expect(upload.startReply(), "150");
        if (!upload.send(bytes)) {
            throw new IOException("upload " + n + " stopped");
        }
        expect(upload.finish(), "226");
        return upload;
    }

    private static void expect(String reply, String code) throws IOException {
        if (!reply.startsWith(code)) {
            throw new IOException("expected " + code + ", got " + reply);
        }
    }

    private static long usedMemory(RedisServer redis) throws IOException {
        for (String line : ((String) redis.call("INFO", "memory")).split("\r\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()));
            }
        }
        throw new IOException("INFO memory has no used_memory");
    }

    /** Per key kind (the part after the hash tag): {count, sum, min, max} of MEMORY USAGE, in bytes. */
    private static Map<String, double[]> keySizes(RedisServer redis) throws IOException {
        Map<String, double[]> sizes = new TreeMap<>();
        for (String key : redis.keys("anonftp:*")) {
            String kind = key.substring(key.lastIndexOf("}:") + 1);
            long bytes = (Long) redis.call("MEMORY", "USAGE", key, "SAMPLES", "0");
            double[] size = sizes.computeIfAbsent(kind, k -> new double[] {0, 0, Double.MAX_VALUE, 0});
            size[0]++;
            size[1] += bytes;
            size[2] = Math.min(size[2], bytes);
            size[3] = Math.max(size[3], bytes);
        }
        return sizes;
    }

    /** Waits until Redis holds {@code count} {@code :slots} keys (the releases of quit sessions arrived). */
    private static void awaitSlots(RedisServer redis, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (redis.keys("anonftp:*:slots").size() != count) {
            if (System.nanoTime() > deadline) {
                throw new IOException("Redis does not hold " + count + " session slots 30 s after the quits");
            }
            Thread.sleep(100);
        }
    }
}

package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.RedisServer;
import io.github.anonftp.testing.ServerProcess;
import io.github.anonftp.testing.TestArchive;

/** {@code --metrics ADDR:PORT}: the runnable server serves Prometheus' text format with anonftp's meters. */
@Timeout(60)
class PrometheusEndpointTest {

    private static final Pattern METRICS = Pattern.compile("metrics on (http://\\S+/metrics)");

    @TempDir
    Path work;

    @Test
    void metricsShowLoginsRefusalsAndBansInPrometheusTextFormat() throws Exception {
        Path root = TestArchive.create(Files.createDirectories(work.resolve("root")));
        try (ServerProcess server = ServerProcess.classpath(work, List.of(), "--port", "0", "--root", root.toString(),
                "--access-log", "none", "--ban-after-failures", "2", "--metrics", "127.0.0.1:0")) {
            Matcher url = METRICS.matcher(server.output());
            assertThat(url.find()).as(server.output()).isTrue();
            try (RawFtp guest = RawFtp.connect("127.0.0.1", server.port(), "127.0.0.2")) {
                guest.reply();
                guest.command("USER anonymous");
                assertThat(guest.command("PASS jane@example.org")).startsWith("230 ");
            }
            try (RawFtp attacker = RawFtp.connect("127.0.0.1", server.port(), "127.0.0.3")) {
                attacker.reply();
                attacker.command("USER anonymous");
                attacker.command("PASS bob");
                attacker.command("PASS bob");
                attacker.command("NOOP"); // answered after the PASS was handled: the ban is in force
            }
            try (RawFtp banned = RawFtp.connect("127.0.0.1", server.port(), "127.0.0.3")) {
                assertThat(banned.reply()).startsWith("421 ");
            }
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest get = HttpRequest.newBuilder(URI.create(url.group(1))).timeout(Duration.ofSeconds(5)).build();
            String body = "";
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!body.contains("anonftp_connections_refused_total{reason=\"banned\"} 1.0")
                    && System.nanoTime() < deadline) {
                HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                        type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
                body = response.body();
                Thread.sleep(20);
            }
            assertThat(body)
                    .contains("# TYPE anonftp_logins_total counter")
                    .contains("anonftp_logins_total{outcome=\"ok\",reason=\"ok\",verdict=\"accept\"} 1.0")
                    .contains("anonftp_logins_total{outcome=\"refused\",reason=\"no-at-sign\",verdict=\"reject\"} 2.0")
                    .contains("anonftp_connections_refused_total{reason=\"banned\"} 1.0")
                    .contains("anonftp_bans_started_total 1.0")
                    .contains("anonftp_bans_active 1.0")
                    .contains("# TYPE anonftp_sessions_open gauge")
                    .as("a node without a shared store shows no shared-store meters")
                    .doesNotContain("anonftp_shared_store");
        }
    }

    @Test
    void aFarmNodeShowsRedisFrozenAndBackInPrometheusTextFormat() throws Exception {
        Path root = TestArchive.create(Files.createDirectories(work.resolve("root")));
        try (RedisServer redis = RedisServer.start();
                ServerProcess server = ServerProcess.classpath(work, List.of(), farmArguments(root, redis))) {
            assertSharedStoreMetersFollowAnOutage(redis, server);
        }
    }

    /** A farm node on {@code redis} with {@code --metrics} on an ephemeral loopback port. */
    static String[] farmArguments(Path root, RedisServer redis) {
        // 1 s: a frozen Redis costs each call this much, and a loaded machine must not fake an outage before it.
        return new String[] {"--port", "0", "--root", root.toString(), "--access-log", "none", "--redis", redis.url(),
            "--redis-timeout", "1s", "--metrics", "127.0.0.1:0"};
    }

    /**
     * Scrapes {@code server}'s /metrics while a guest holds a session, while Redis is frozen (SIGSTOP) and a second
     * guest logs in on the node's own limits, and after Redis continues: available 1, 0, 1, and the counters of the
     * outage, the local decision and the re-registered slot.
     */
    static void assertSharedStoreMetersFollowAnOutage(RedisServer redis, ServerProcess server) throws Exception {
        Matcher url = METRICS.matcher(server.output());
        assertThat(url.find()).as(server.output()).isTrue();
        Scraper scraper = new Scraper(url.group(1));
        try (RawFtp held = guest(server, "127.0.0.2")) {
            String before = scraper.until("anonftp_shared_store_available 1.0");
            assertThat(before).contains("# TYPE anonftp_shared_store_available gauge")
                    .contains("# TYPE anonftp_shared_store_errors_total counter")
                    .contains("# TYPE anonftp_shared_store_outages_total counter")
                    .contains("# TYPE anonftp_shared_store_recoveries_total counter")
                    .contains("# TYPE anonftp_shared_store_local_decisions_total counter")
                    .contains("# TYPE anonftp_shared_store_reregistered_slots_total counter");
            signal("STOP", redis.pid());
            try {
                try (RawFtp during = guest(server, "127.0.0.3")) { // waits out the timeout, then the node decides
                    assertThat(during.command("QUIT")).startsWith("221");
                }
                String down = scraper.until("anonftp_shared_store_available 0.0");
                assertThat(value(down, "anonftp_shared_store_errors_total")).isPositive();
                assertThat(value(down, "anonftp_shared_store_outages_total")).isGreaterThanOrEqualTo(1);
                assertThat(value(down, "anonftp_shared_store_local_decisions_total")).isPositive();
            } finally {
                signal("CONT", redis.pid());
            }
            String back = scraper.until("anonftp_shared_store_available 1.0");
            assertThat(value(back, "anonftp_shared_store_recoveries_total")).isGreaterThanOrEqualTo(1);
            assertThat(value(back, "anonftp_shared_store_reregistered_slots_total")).isGreaterThanOrEqualTo(1);
            assertThat(held.command("NOOP")).startsWith("200");
        }
    }

    private static RawFtp guest(ServerProcess server, String source) throws Exception {
        RawFtp ftp = RawFtp.connect("127.0.0.1", server.port(), source);
        assertThat(ftp.reply()).startsWith("220");
        assertThat(ftp.command("USER anonymous")).startsWith("331");
        assertThat(ftp.command("PASS guest@example.org")).startsWith("230");
        return ftp;
    }

    /** The value of the series {@code name} (no labels) in a scrape. */
    private static double value(String body, String name) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\S+)$").matcher(body);
        assertThat(line.find()).as(name + " in " + body).isTrue();
        return Double.parseDouble(line.group(1));
    }

    private static void signal(String name, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(pid)).start().waitFor()).isZero();
    }

    /** GETs /metrics until the body has a line (at most 10 s: the node probes Redis every second). */
    private static final class Scraper {
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final HttpRequest get;

        Scraper(String url) {
            get = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        }

        String until(String line) throws Exception {
            long deadline = System.nanoTime() + 10_000_000_000L;
            String body;
            do {
                HttpResponse<String> response = http.send(get, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
                body = response.body();
                if (body.lines().anyMatch(line::equals)) {
                    return body;
                }
                Thread.sleep(50);
            } while (System.nanoTime() < deadline);
            throw new AssertionError("no line " + line + " within 10 s in " + body);
        }
    }
}

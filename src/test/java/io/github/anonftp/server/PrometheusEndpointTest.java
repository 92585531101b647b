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
                    .contains("# TYPE anonftp_sessions_open gauge");
        }
    }
}

package io.github.anonftp.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoublePredicate;

import javax.management.AttributeNotFoundException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.ratelimit.redis.RedisConfig;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.RedisServer;
import io.micrometer.core.instrument.search.RequiredSearch;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The shared-store meters of a farm node read back through {@link AnonFtpMetrics}, the JMX MBean and a Micrometer
 * registry while a real redis-server is killed under it and started again (each meter listed in
 * docs/operations.md); a closed-mode node's refusals; and a node without a shared store, which shows none of them.
 */
@Timeout(60)
class SharedStoreMetricsTest {

    private static final List<String> SHARED_STORE_METERS = List.of("anonftp_shared_store_available",
            "anonftp_shared_store_errors_total", "anonftp_shared_store_outages_total",
            "anonftp_shared_store_recoveries_total", "anonftp_shared_store_local_decisions_total",
            "anonftp_shared_store_reregistered_slots_total");

    private final SimpleMeterRegistry micrometer = new SimpleMeterRegistry();
    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    private RedisServer redis;
    private AnonFtpServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private AnonFtpServer start(AnonFtpServer.Builder builder) throws Exception {
        server = builder.accessLog(AccessLogConfig.builder().destination(AccessLogConfig.NONE).build()).build();
        server.start();
        new AnonFtpMeterBinder(server.metrics()).bindTo(micrometer);
        return server;
    }

    private static RawFtp guest(AnonFtpServer server, String source) throws Exception {
        RawFtp ftp = RawFtp.connect("127.0.0.1", server.port(), source);
        assertThat(ftp.reply()).startsWith("220");
        assertThat(ftp.command("USER anonymous")).startsWith("331");
        assertThat(ftp.command("PASS guest@example.org")).startsWith("230");
        return ftp;
    }

    @Test
    void aFarmNodeShowsRedisGoingAwayAndComingBackInEveryExposure() throws Exception {
        redis = RedisServer.start();
        // A generous timeout: a loaded machine must not fake an outage before the real one (a killed Redis fails
        // every call at once, whatever the timeout).
        start(AnonFtpServer.builder().redis(RedisConfig.builder().redis(redis.url())
                .redisTimeout(Duration.ofSeconds(2)).build()));
        try (RawFtp held = guest(server, "127.0.0.2")) { // open across the outage: re-registered at the recovery
            awaitEverywhere("available before the outage", "anonftp_shared_store_available", v -> v == 1);
            assertThat(read("anonftp_shared_store_outages_total")).containsOnly(0.0);
            assertThat(read("anonftp_shared_store_local_decisions_total")).containsOnly(0.0);

            redis.kill();
            try (RawFtp during = guest(server, "127.0.0.3")) { // open mode: admitted by the node alone
                assertThat(during.command("QUIT")).startsWith("221");
            }
            awaitEverywhere("unavailable during the outage", "anonftp_shared_store_available", v -> v == 0);
            assertThat(read("anonftp_shared_store_errors_total")).allMatch(v -> v > 0);
            assertThat(read("anonftp_shared_store_outages_total")).allMatch(v -> v >= 1);
            assertThat(read("anonftp_shared_store_local_decisions_total")).allMatch(v -> v > 0);
            assertThat(read("anonftp_shared_store_recoveries_total")).containsOnly(0.0);

            redis.restart(); // empty: the held session's slot must be written back
            awaitEverywhere("available after the recovery", "anonftp_shared_store_available", v -> v == 1);
            assertThat(read("anonftp_shared_store_outages_total")).allMatch(v -> v >= 1);
            assertThat(read("anonftp_shared_store_recoveries_total")).allMatch(v -> v >= 1);
            assertThat(read("anonftp_shared_store_reregistered_slots_total")).allMatch(v -> v >= 1);
            assertThat(held.command("NOOP")).startsWith("200");
        }
        assertThat(jmx.getMBeanInfo(server.jmxObjectName()).getAttributes()).extracting(MBeanAttributeInfo::getName)
                .containsAll(SHARED_STORE_METERS);
        String operations = Files.readString(Path.of("docs/operations.md"), StandardCharsets.UTF_8);
        assertThat(server.metrics().meters()).extracting(Meter::name).containsAll(SHARED_STORE_METERS)
                .allSatisfy(name -> assertThat(operations).as("docs/operations.md's meter table")
                        .contains("| `" + name + "` | "));
    }

    @Test
    void aClosedModeNodeCountsItsRefusalsWhileRedisIsAway() throws Exception {
        redis = RedisServer.start();
        start(AnonFtpServer.builder().redis(RedisConfig.builder().redis(redis.url())
                .redisFailure(RedisConfig.FailureMode.CLOSED).redisTimeout(Duration.ofSeconds(2)).build()));
        redis.kill();
        try (RawFtp refused = RawFtp.connect("127.0.0.1", server.port(), "127.0.0.2")) {
            assertThat(refused.reply()).startsWith("421 Service temporarily unavailable");
        }
        awaitEverywhere("unavailable", "anonftp_shared_store_available", v -> v == 0);
        assertThat(read("anonftp_shared_store_outages_total")).containsOnly(1.0);
        assertThat(read("anonftp_shared_store_local_decisions_total")).as("closed: nothing decided alone")
                .containsOnly(0.0);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5); // counted right after the 421 is written
        while (server.metrics().value("anonftp_connections_refused_total", "unavailable") < 1
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.metrics().value("anonftp_connections_refused_total", "unavailable")).isEqualTo(1);
        assertThat(micrometer.get("anonftp.connections.refused").tag("reason", "unavailable").functionCounter()
                .count()).isEqualTo(1);
    }

    @Test
    void aServerWithoutASharedStoreShowsNoSharedStoreMeters() throws Exception {
        start(AnonFtpServer.builder());
        try (RawFtp ftp = guest(server, "127.0.0.2")) {
            assertThat(ftp.command("QUIT")).startsWith("221");
        }
        assertThat(server.metrics().meters()).extracting(Meter::name).isNotEmpty()
                .noneMatch(name -> name.startsWith("anonftp_shared_store"));
        assertThat(jmx.getMBeanInfo(server.jmxObjectName()).getAttributes()).extracting(MBeanAttributeInfo::getName)
                .contains("anonftp_sessions_open").noneMatch(name -> name.startsWith("anonftp_shared_store"));
        assertThatThrownBy(() -> jmx.getAttribute(server.jmxObjectName(), "anonftp_shared_store_available"))
                .isInstanceOf(AttributeNotFoundException.class);
        assertThat(micrometer.getMeters()).extracting(meter -> meter.getId().getName()).contains("anonftp.logins")
                .noneMatch(name -> name.startsWith("anonftp.shared.store"));
    }

    /** The meter's value from AnonFtpMetrics, JMX and Micrometer, in that order. */
    private List<Double> read(String name) {
        Meter meter = server.metrics().meters().stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no meter " + name));
        RequiredSearch micrometerMeter = micrometer.get(AnonFtpMeterBinder.micrometerName(meter));
        double fromMicrometer = meter.type() == Meter.Type.COUNTER ? micrometerMeter.functionCounter().count()
                : micrometerMeter.gauge().value();
        double fromJmx;
        try {
            fromJmx = (Double) jmx.getAttribute(server.jmxObjectName(), name);
        } catch (JMException e) {
            throw new AssertionError("JMX attribute " + name, e);
        }
        return List.of(server.metrics().value(name), fromJmx, fromMicrometer);
    }

    /** Waits (at most 10 s: the node probes Redis every second) until all three readings match. */
    private void awaitEverywhere(String what, String name, DoublePredicate condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!read(name).stream().allMatch(condition::test) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(read(name)).as(what + ": " + name + " from AnonFtpMetrics, JMX, Micrometer")
                .allMatch(condition::test);
    }
}

package io.github.anonftp.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The meters read back three ways after real logins, refusals, a ban and a download: from {@link AnonFtpMetrics},
 * from the JMX MBean and from a Micrometer registry bound before the traffic (so series made later appear too).
 */
@Timeout(30)
class MetricsTest {

    @TempDir
    Path root;
    AnonFtpServer server;
    final SimpleMeterRegistry micrometer = new SimpleMeterRegistry();
    final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @BeforeEach
    void start() throws Exception {
        server = AnonFtpServer.builder().anonymous(TestArchive.guests(root).build())
                .rateLimit(RateLimitConfig.builder().maxLoginFailures(2).deniedNetworks("127.0.0.9/32").build())
                .build().start();
        new AnonFtpMeterBinder(server.metrics()).bindTo(micrometer);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private void traffic() throws IOException {
        FTPClient guest = TestArchive.connect(server.port());
        try {
            assertThat(guest.login("anonymous", "jane@example.org")).isTrue();
            guest.setFileType(org.apache.commons.net.ftp.FTP.BINARY_FILE_TYPE);
            assertThat(guest.retrieveFileStream("/pub/data.bin").readAllBytes()).hasSize(TestArchive.DATA.length);
            assertThat(guest.completePendingCommand()).isTrue();
        } finally {
            TestArchive.quietly(guest);
        }
        try (RawFtp attacker = RawFtp.connect("127.0.0.1", server.port(), "127.0.0.3")) {
            attacker.reply();
            attacker.command("USER anonymous");
            assertThat(attacker.command("PASS bob")).startsWith("530 ");
            attacker.command("PASS bob");
            attacker.command("NOOP"); // answered after the PASS was handled: the ban is in force
        }
        try (RawFtp banned = RawFtp.connect("127.0.0.1", server.port(), "127.0.0.3")) {
            assertThat(banned.reply()).startsWith("421 ");
        }
        try (RawFtp denied = RawFtp.connect("127.0.0.1", server.port(), "127.0.0.9")) {
            assertThat(denied.reply()).startsWith("421 ");
        }
    }

    private static void await(String what, double expected, DoubleSupplier value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (value.getAsDouble() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(value.getAsDouble()).as(what).isEqualTo(expected);
    }

    @Test
    void theMetersCountLoginsRefusalsBansAndTransfers() throws Exception {
        traffic();
        AnonFtpMetrics metrics = server.metrics();
        await("accepted logins", 1, () -> metrics.value("anonftp_logins_total", "ok", "accept", "ok"));
        await("refused logins", 2, () -> metrics.value("anonftp_logins_total", "refused", "reject", "no-at-sign"));
        await("ban refusals", 1, () -> metrics.value("anonftp_connections_refused_total", "banned"));
        await("denied", 1, () -> metrics.value("anonftp_connections_refused_total", "denied-network"));
        await("admitted", 2, () -> metrics.value("anonftp_connections_admitted_total"));
        assertThat(metrics.value("anonftp_bans_started_total")).isEqualTo(1);
        assertThat(metrics.value("anonftp_bans_active")).isEqualTo(1);
        await("downloads", 1, () -> metrics.value("anonftp_transfers_total", "download", "complete"));
        assertThat(metrics.value("anonftp_transfer_bytes_total", "download")).isEqualTo(TestArchive.DATA.length);
        await("sessions open", 0, () -> metrics.value("anonftp_sessions_open"));
        assertThat(metrics.value("anonftp_guests_logged_in")).isZero();
        assertThat(metrics.value("anonftp_clients_tracked")).isEqualTo(2);
        await("access records written", 8, () -> metrics.value("anonftp_accesslog_records_total", "written"));
    }

    @Test
    void theJmxMBeanShowsEverySeriesAsAnAttribute() throws Exception {
        ObjectName name = server.jmxObjectName();
        assertThat(name.toString()).startsWith("io.github.anonftp:type=Metrics,name=\"anonftp");
        traffic();
        await("refused logins over JMX", 2, () -> jmxValue(name,
                "anonftp_logins_total{outcome=\"refused\",verdict=\"reject\",reason=\"no-at-sign\"}"));
        assertThat(jmxValue(name, "anonftp_connections_refused_total{reason=\"banned\"}")).isEqualTo(1);
        assertThat(jmxValue(name, "anonftp_bans_active")).isEqualTo(1);
        assertThat(jmx.getMBeanInfo(name).getAttributes()).extracting(MBeanAttributeInfo::getName)
                .contains("anonftp_sessions_open", "anonftp_accesslog_queued",
                        "anonftp_transfers_total{direction=\"download\",status=\"complete\"}");
    }

    @Test
    void twoServersInOneJvmGetTwoMBeansAndAStoppedOneIsGone() throws Exception {
        AnonFtpServer second = AnonFtpServer.builder().build().start();
        ObjectName secondName = second.jmxObjectName();
        try {
            assertThat(secondName).isNotEqualTo(server.jmxObjectName());
            assertThat(jmx.isRegistered(secondName)).isTrue();
        } finally {
            second.stop();
        }
        assertThat(jmx.isRegistered(secondName)).isFalse();
        assertThat(jmx.isRegistered(server.jmxObjectName())).isTrue();
    }

    @Test
    void aMicrometerRegistryBoundBeforeTheTrafficSeesTheSeriesItMade() throws Exception {
        traffic();
        await("refused logins in Micrometer", 2, () -> micrometer.find("anonftp.logins")
                .tags("outcome", "refused", "verdict", "reject", "reason", "no-at-sign").functionCounters().stream()
                .mapToDouble(c -> c.count()).sum());
        assertThat(micrometer.get("anonftp.connections.refused").tag("reason", "banned").functionCounter().count())
                .isEqualTo(1);
        assertThat(micrometer.get("anonftp.bans.active").gauge().value()).isEqualTo(1);
        assertThat(micrometer.get("anonftp.transfer.bytes").tag("direction", "download").functionCounter().count())
                .isEqualTo(TestArchive.DATA.length);
    }

    private double jmxValue(ObjectName name, String attribute) {
        try {
            return (Double) jmx.getAttribute(name, attribute);
        } catch (JMException e) {
            return Double.NaN;
        }
    }
}

package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.ratelimit.redis.RedisConfig;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.RedisServer;

/** The farm flags and settings: their mistakes at start-up, the password file, hashed keys under IP privacy. */
@Timeout(60)
class FarmSettingsTest {

    @TempDir
    Path dir;

    private CommandLineTest.Run run(String... flags) {
        String[] args = new String[flags.length + 4];
        args[0] = "--port";
        args[1] = "0";
        args[2] = "--root";
        args[3] = dir.toString();
        System.arraycopy(flags, 0, args, 4, flags.length);
        return CommandLineTest.run(args);
    }

    private void failsWith(String message, String... flags) {
        CommandLineTest.Run run = run(flags);
        assertThat(run.code()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("anonftp-server: " + message + System.lineSeparator());
    }

    @Test
    void helpListsTheFarmFlags() {
        assertThat(CommandLineTest.run("--help").out()).contains("--redis=URL", "--redis-password-file",
                "--redis-prefix", "--redis-timeout", "--redis-failure", "--redis-lease");
    }

    @Test
    void badFarmValuesNameTheirSettingsAtStartUp() {
        failsWith("rateLimit.redis: \"ftp://127.0.0.1:6379\" is not valid; expected redis://[user:password@]host:port[/db]"
                + " or rediss://... for TLS", "--redis", "ftp://127.0.0.1:6379");
        failsWith("rateLimit.redis: \"redis://:***@127.0.0.1:6379/x\" is not valid; expected"
                + " redis://[user:password@]host:port[/db] or rediss://... for TLS (the database is a number such as /0)",
                "--redis", "redis://:hunter2@127.0.0.1:6379/x");
        failsWith("rateLimit.redisTimeout: 0s is out of range; expected 1ms..10s",
                "--redis", "redis://127.0.0.1:6379", "--redis-timeout", "0s");
        failsWith("rateLimit.redisFailure: \"maybe\" is not valid; expected one of OPEN, CLOSED",
                "--redis", "redis://127.0.0.1:6379", "--redis-failure", "maybe");
        failsWith("rateLimit.redisLease: 1s is out of range; expected 3s..1h",
                "--redis", "redis://127.0.0.1:6379", "--redis-lease", "1s");
        failsWith("rateLimit.redisPrefix: \"two words\" is not valid; expected at most 64 printable ASCII characters"
                + " without spaces or braces, such as anonftp: or farm1:", "--redis", "redis://127.0.0.1:6379", "--redis-prefix",
                "two words");
        CommandLineTest.Run missing = run("--redis", "redis://127.0.0.1:6379", "--redis-password-file",
                dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("anonftp-server: rateLimit.redisPasswordFile: \"" + dir.resolve("nope")
                + "\" cannot be read");
    }

    @Test
    void farmFlagsWithoutRedisAreAUsageError() {
        CommandLineTest.Run run = run("--redis-prefix", "farm2:", "--redis-lease", "10s");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--redis-prefix, --redis-lease only apply with --redis URL (farm mode)");
    }

    @Test
    void closedModeWithAnUnreachableRedisFailsStartUpWithoutShowingThePassword() throws Exception {
        int port;
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CommandLineTest.Run run = run("--redis", "redis://ops:hunter2@127.0.0.1:" + port, "--redis-failure", "closed");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).startsWith("anonftp-server: rateLimit.redis: \"redis://ops:***@127.0.0.1:" + port
                + "\" cannot be reached (").contains("rateLimit.redisFailure=closed").doesNotContain("hunter2");
        assertThat(Thread.getAllStackTraces().keySet()).as("nothing left running by the failed start")
                .noneMatch(thread -> thread.getName().equals(io.github.anonftp.accesslog.AccessLog.THREAD_NAME)
                        && thread.isAlive());
    }

    @Test
    void thePasswordFileOpensAPasswordProtectedRedis() throws Exception {
        try (RedisServer redis = RedisServer.start(List.of("--requirepass", "s3cret-farm-password"))) {
            Path file = Files.writeString(dir.resolve("redis.password"), "s3cret-farm-password\n");
            AnonFtpServer server = AnonFtpServer.builder()
                    .redis(RedisConfig.builder().redis(redis.url()).redisPasswordFile(file)
                            .redisTimeout(Duration.ofSeconds(2)).redisFailure(RedisConfig.FailureMode.CLOSED).build())
                    .accessLog(AccessLogConfig.builder().destination(AccessLogConfig.NONE).build()).build();
            try {
                server.start();
                try (RawFtp ftp = RawFtp.connect("127.0.0.1", server.port())) {
                    assertThat(ftp.reply()).startsWith("220");
                }
                assertThat(server.rateLimiter().stats().shared().available()).isTrue();
            } finally {
                server.stop();
            }
            assertThatThrownBy(() -> AnonFtpServer.builder().redis(RedisConfig.builder().redis(redis.url())
                    .redisFailure(RedisConfig.FailureMode.CLOSED).build()).build())
                    .isInstanceOf(FtpServerConfigurationException.class)
                    .hasMessageContaining("rateLimit.redis").hasMessageContaining("cannot be reached");
        }
    }

    @Test
    void withHmacIpPrivacyRedisKeysHoldNoAddress() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            AnonFtpServer server = AnonFtpServer.builder()
                    .redis(RedisConfig.builder().redis(redis.url()).redisTimeout(Duration.ofSeconds(2)).build())
                    .accessLog(AccessLogConfig.builder().destination(AccessLogConfig.NONE).ipPrivacy("hmac")
                            .privacySecret("sixteen-or-more-characters").build()).build();
            try {
                server.start();
                try (RawFtp ftp = RawFtp.connect("127.0.0.1", server.port(), "127.0.0.23")) {
                    assertThat(ftp.reply()).startsWith("220");
                    assertThat(redis.keys("anonftp:*")).isNotEmpty().noneMatch(key -> key.contains("127.0.0"));
                }
            } finally {
                server.stop();
            }
        }
    }
}

package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.ratelimit.redis.RedisConfig;
import io.github.anonftp.testing.ExternalProgram;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.RedisServer;

/**
 * A farm node in {@code closed} mode refusing everyone while Redis is away: the access log says why
 * ({@code unavailable}), and the fail2ban filter does not take it for an attack.
 */
@Timeout(60)
class FarmAccessLogTest {

    @TempDir
    Path work;

    @Test
    void refusalsWhileRedisIsAwayAreLoggedAsUnavailableAndFail2banIgnoresThem() throws Exception {
        Path log = work.resolve("access.jsonl");
        try (RedisServer redis = RedisServer.start()) {
            AnonFtpServer server = AnonFtpServer.builder()
                    .redis(RedisConfig.builder().redis(redis.url()).redisTimeout(Duration.ofSeconds(2))
                            .redisFailure(RedisConfig.FailureMode.CLOSED).build())
                    .accessLog(AccessLogConfig.builder().destination(log).build()).build().start();
            try {
                redis.kill();
                for (int i = 0; i < 3; i++) {
                    try (RawFtp ftp = RawFtp.connect("127.0.0.1", server.port(), "127.0.0.51")) {
                        assertThat(ftp.reply()).isEqualTo("421 Service temporarily unavailable; try again later.\r\n");
                    }
                }
            } finally {
                server.stop();
            }
        }
        assertThat(Files.readAllLines(log)).hasSize(3)
                .allMatch(line -> line.contains("\"event\":\"refused\"") && line.contains("\"reason\":\"unavailable\""));
        Path filter = Path.of("config-samples/fail2ban/anonftp.conf").toAbsolutePath();
        ExternalProgram.Result result = ExternalProgram.run(work, "", "fail2ban-regex", log.toString(),
                filter.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        Matcher lines = Pattern.compile("Lines: (\\d+) lines, 0 ignored, (\\d+) matched").matcher(result.output());
        assertThat(lines.find()).as(result.output()).isTrue();
        assertThat(lines.group(1)).isEqualTo("3");
        assertThat(lines.group(2)).as("no ban for a node's own outage").isEqualTo("0");
    }
}

package io.github.anonftp.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.redis.RedisConfig;
import io.github.anonftp.testing.ChildServer;
import io.github.anonftp.testing.RedisServer;
import io.github.anonftp.testing.ServerProcess;
import io.github.anonftp.testing.TestArchive;

/**
 * {@code java -jar target/anonftp-server.jar --redis ...} as an operator runs it (the jar carries the Redis
 * client): a node of a farm killed with SIGKILL while holding slots, the other node admits the address again
 * within the lease; and the shared-store meters at {@code --metrics} while its Redis is frozen and back.
 */
@Timeout(120)
class FarmServerJarIT {

    @TempDir
    Path dir;

    @Test
    void theServerJarInFarmModeKilledWithSigkillFreesItsSlotsWithinTheLease() throws Exception {
        try (RedisServer redis = RedisServer.start();
                ChildServer node = ChildServer.fromJar(Path.of(System.getProperty("anonftp.serverJar",
                        "target/anonftp-server.jar")), "--port", "0", "--root", dir.toString(), "--access-log", "none",
                        "--max-sessions-per-ip", "2", "--redis", redis.url(), "--redis-lease", "3s")) {
            AnonFtpServer other = AnonFtpServer.builder()
                    .rateLimit(RateLimitConfig.builder().maxSessionsPerClient(2).connectionRate("0").build())
                    .redis(RedisConfig.builder().redis(redis.url()).redisTimeout(Duration.ofSeconds(2)).build())
                    .accessLog(AccessLogConfig.builder().destination(AccessLogConfig.NONE).build()).build().start();
            try {
                FarmTest.assertKilledNodesSlotsFreeWithinTheLease(redis, node, other);
            } finally {
                other.stop();
            }
        }
    }

    @Test
    void theServerJarInFarmModeServesTheSharedStoreMetersThroughAnOutage() throws Exception {
        Path root = TestArchive.create(Files.createDirectories(dir.resolve("root")));
        try (RedisServer redis = RedisServer.start();
                ServerProcess node = ServerProcess.jar(dir, List.of(),
                        PrometheusEndpointTest.farmArguments(root, redis))) {
            PrometheusEndpointTest.assertSharedStoreMetersFollowAnOutage(redis, node);
        }
    }
}

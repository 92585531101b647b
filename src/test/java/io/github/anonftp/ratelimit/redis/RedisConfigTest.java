package io.github.anonftp.ratelimit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.junit.jupiter.api.Test;

/** The farm settings' defaults, checks and copies; a password never shows in a message or toString. */
class RedisConfigTest {

    @Test
    void defaultsAreThoseOfTheDocs() {
        RedisConfig config = RedisConfig.builder().redis("redis://127.0.0.1:6379").build();
        assertThat(config.redisPrefix()).isEqualTo("anonftp:");
        assertThat(config.redisTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.redisFailure()).isEqualTo(RedisConfig.FailureMode.OPEN);
        assertThat(config.redisLease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.keySecret()).isNull();
    }

    @Test
    void toBuilderKeepsEverySetting() {
        RedisConfig sample = RedisConfig.builder().redis("rediss://ops:pw@redis.example:6380/2").redisPrefix("farm2:")
                .redisTimeout("100ms").redisFailure("closed").redisLease("10s").keySecret("sixteen characters!")
                .build();
        assertThat(sample.toBuilder().build()).isEqualTo(sample);
        assertThat(sample.toBuilder().redisLease("20s").build().redisPrefix()).isEqualTo("farm2:");
    }

    @Test
    void badValuesAreNamedAndPasswordsHidden() {
        assertThatThrownBy(() -> RedisConfig.builder().build()).isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("rateLimit.redis: no value given; a value is required");
        assertThatThrownBy(() -> RedisConfig.builder().redis("redis://user:topsecret@:6379").build())
                .hasMessageStartingWith("rateLimit.redis: \"redis://user:***@:6379\" is not valid")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> RedisConfig.builder().redis("redis://h:99999").build())
                .hasMessageContaining("(port 1..65535)");
        assertThatThrownBy(() -> RedisConfig.builder().redis("redis://h:6379").redisTimeout("1s").redisLease("5s")
                .build()).hasMessage("rateLimit.redisLease: 5s is out of range; expected at least 10 times"
                        + " rateLimit.redisTimeout (1s), so that renewals are not lost to timeouts");
        assertThatThrownBy(() -> RedisConfig.builder().redis("redis://h:6379").keySecret("short").build())
                .hasMessageStartingWith("rateLimit.keySecret: a secret of 5 characters is not valid");
        assertThat(RedisConfig.builder().redis("redis://u:topsecret@h:6379").build().toString())
                .contains("redis://u:***@h:6379").doesNotContain("topsecret");
    }
}

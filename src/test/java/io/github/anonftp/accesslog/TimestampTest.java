package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The allocation-free time stamp of every JSON record writes what the formatter writes. */
class TimestampTest {

    static String written(Instant instant) {
        char[] out = new char[32];
        return new String(out, 0, JsonLinesFormat.timestamp(instant, out));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "2000-02-29T12:34:56.789Z",
        "2026-11-24T00:39:11.123Z", "2100-03-01T00:00:00.001Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z",
        "+10000-01-01T00:00:00Z", "-0001-12-31T00:00:00Z"})
    void edgesMatchTheFormatter(String text) {
        Instant instant = Instant.parse(text);
        assertThat(written(instant)).isEqualTo(JsonLinesFormat.timestamp(instant));
    }

    @Test
    void randomInstantsMatchTheFormatter() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(-62_135_596_800_000L, 253_402_300_799_999L));
            assertThat(written(instant)).isEqualTo(JsonLinesFormat.timestamp(instant));
        }
    }
}

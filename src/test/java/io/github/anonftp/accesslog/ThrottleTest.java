package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Warnings at most once a minute, each with what accumulated since the last one. */
class ThrottleTest {

    private final AtomicLong nanos = new AtomicLong(42);
    private final Throttle throttle = new Throttle(nanos::get, Duration.ofMinutes(1));

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void reportsTheFirstIncreaseAtOnce() {
        assertThat(throttle.due(0)).isZero();
        assertThat(throttle.due(5)).isEqualTo(5);
    }

    @Test
    void reportsAtMostOnceAMinuteWithEverythingSinceTheLastReport() {
        throttle.due(5);
        advance(Duration.ofSeconds(59));
        assertThat(throttle.due(8)).isZero();
        assertThat(throttle.due(9)).isZero();

        advance(Duration.ofSeconds(1));
        assertThat(throttle.due(9)).isEqualTo(4);
        advance(Duration.ofSeconds(30));
        assertThat(throttle.due(10)).isZero();
    }

    @Test
    void reportsNothingWhenNothingGrewHoweverLongItWas() {
        throttle.due(5);
        advance(Duration.ofHours(1));
        assertThat(throttle.due(5)).isZero();
        assertThat(throttle.due(6)).isEqualTo(1);
    }

    @Test
    void theRestIsEverythingNotReportedYetDueOrNot() {
        throttle.due(5);
        assertThat(throttle.rest(12)).isEqualTo(7);
        assertThat(throttle.rest(12)).isZero();
    }
}

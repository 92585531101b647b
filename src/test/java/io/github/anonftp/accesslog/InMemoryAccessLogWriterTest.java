package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The last lines, copied out, and waiting for one with a deadline. */
@Timeout(5)
class InMemoryAccessLogWriterTest {

    @Test
    void keepsOnlyTheLastLines() {
        InMemoryAccessLogWriter writer = new InMemoryAccessLogWriter(3);
        for (int n = 1; n <= 5; n++) {
            writer.write("l" + n);
        }

        assertThat(writer.lines()).containsExactly("l3", "l4", "l5");
    }

    @Test
    void linesIsACopy() {
        InMemoryAccessLogWriter writer = new InMemoryAccessLogWriter();
        writer.write("a");
        List<String> lines = writer.lines();
        writer.write("b");

        assertThat(lines).containsExactly("a");
    }

    @Test
    void awaitReturnsALineWrittenByAnotherThread() throws InterruptedException {
        InMemoryAccessLogWriter writer = new InMemoryAccessLogWriter();
        Thread other = new Thread(() -> {
            writer.write("noise");
            writer.write("{\"type\":\"login\"}");
        });
        other.start();

        assertThat(writer.await(line -> line.contains("login"), Duration.ofSeconds(2)))
                .contains("{\"type\":\"login\"}");
        other.join();
    }

    @Test
    void awaitGivesUpAtTheDeadline() throws InterruptedException {
        InMemoryAccessLogWriter writer = new InMemoryAccessLogWriter();
        writer.write("noise");
        long start = System.nanoTime();

        assertThat(writer.await(line -> line.contains("login"), Duration.ofMillis(50))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(50),
                Duration.ofSeconds(1));
    }
}

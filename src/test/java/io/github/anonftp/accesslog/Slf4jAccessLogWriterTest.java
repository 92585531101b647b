package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** Each line is one INFO message, never a pattern. */
class Slf4jAccessLogWriterTest {

    @Test
    void logsEachLineAsItIsAtInfo() {
        RecordingLogger logger = new RecordingLogger();
        Slf4jAccessLogWriter writer = new Slf4jAccessLogWriter(logger.logger());
        writer.write("{\"type\":\"login\"}");
        writer.write("a {} b");
        writer.flush();
        writer.close();

        assertThat(logger.messages()).containsExactly("INFO {\"type\":\"login\"}", "INFO a {} b");
    }

    @Test
    void writesToTheNamedLogger() {
        Slf4jAccessLogWriter writer = new Slf4jAccessLogWriter("anonftp.access.test");

        assertThatCode(() -> writer.write("through slf4j-simple")).doesNotThrowAnyException();
    }
}

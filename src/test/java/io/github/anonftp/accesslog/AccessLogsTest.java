package io.github.anonftp.accesslog;

import static io.github.anonftp.accesslog.QueueEvents.NO_PRIVACY;
import static io.github.anonftp.accesslog.QueueEvents.SESSION_FORMAT;
import static io.github.anonftp.accesslog.QueueEvents.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The destination picks the writer. */
@Timeout(10)
class AccessLogsTest {

    @TempDir
    Path dir;

    private static AccessLog create(String destination) {
        AccessLogConfig config = AccessLogConfig.builder().destination(destination)
                .loggerName("anonftp.access.factory-test").queueCapacity(64).build();
        return AccessLogs.create(config, SESSION_FORMAT, NO_PRIVACY);
    }

    /** What {@code run} printed to the stream {@code swap} installs. */
    private static String captured(Consumer<PrintStream> swap, PrintStream original, Runnable run) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        swap.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            swap.accept(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void recordOne(String destination) {
        try (AccessLog log = create(destination)) {
            log.record(transfer(7));
        }
    }

    @Test
    void noneIsTheDisabledLog() {
        long before = QueueEvents.accessLogThreads();
        AccessLog log = create("none");
        log.record(transfer(1));

        assertThat(QueueEvents.accessLogThreads()).isEqualTo(before);
        assertThat(log.stats().recorded()).isZero();
        log.close();
    }

    @Test
    void aPathIsAFile() throws IOException {
        Path file = dir.resolve("access.log");
        recordOne(file.toString());

        assertThat(Files.readAllLines(file)).containsExactly("s7");
    }

    @Test
    void aFileInAMissingDirectoryIsAConfigurationError() {
        Path file = dir.resolve("no-such-dir").resolve("access.log");

        assertThatThrownBy(() -> create(file.toString()))
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("accessLog.destination: \"" + file + "\" cannot be written: its directory does not exist;"
                        + " expected a writable file path");
    }

    @Test
    void dashIsStandardOutput() {
        assertThat(captured(System::setOut, System.out, () -> recordOne("-"))).isEqualTo("s7\n");
    }

    @Test
    void slf4jIsTheNamedLogger() {
        // slf4j-simple, on the test class path, prints to System.err as it is at each message.
        assertThat(captured(System::setErr, System.err, () -> recordOne("slf4j")))
                .contains("INFO anonftp.access.factory-test - s7");
    }
}

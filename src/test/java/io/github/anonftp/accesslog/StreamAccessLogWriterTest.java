package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** UTF-8 lines with one newline each, visible on flush; the stream stays open. */
class StreamAccessLogWriterTest {

    /** Remembers whether it was closed. */
    static final class Sink extends ByteArrayOutputStream {
        boolean closed;

        @Override
        public void close() {
            closed = true;
        }

        String text() {
            return toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void writesUtf8LinesWhenFlushed() throws IOException {
        Sink sink = new Sink();
        StreamAccessLogWriter writer = new StreamAccessLogWriter(sink);
        writer.write("é 😀");
        writer.write("two");
        assertThat(sink.text()).isEmpty();

        writer.flush();
        assertThat(sink.text()).isEqualTo("é 😀\ntwo\n");
    }

    @Test
    void closeFlushesAndLeavesTheStreamOpen() throws IOException {
        Sink sink = new Sink();
        StreamAccessLogWriter writer = new StreamAccessLogWriter(sink);
        writer.write("last");
        writer.close();

        assertThat(sink.text()).isEqualTo("last\n");
        assertThat(sink.closed).isFalse();
    }

    @Test
    void stdoutWritesToSystemOutAndDoesNotCloseIt() throws IOException {
        PrintStream original = System.out;
        Sink sink = new Sink();
        System.setOut(new PrintStream(sink, true, StandardCharsets.UTF_8));
        try {
            StreamAccessLogWriter writer = StreamAccessLogWriter.stdout();
            writer.write("to stdout");
            writer.close();
        } finally {
            System.setOut(original);
        }

        assertThat(sink.text()).isEqualTo("to stdout\n");
        assertThat(sink.closed).isFalse();
    }
}

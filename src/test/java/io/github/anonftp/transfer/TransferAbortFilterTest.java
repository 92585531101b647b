package io.github.anonftp.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.apache.mina.core.buffer.IoBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which bytes from the client count as an ABOR that stops a running transfer at once. */
class TransferAbortFilterTest {

    static IoBuffer bytes(String text) {
        return IoBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABOR\r\n", "abor\r\n", "ABOR", "  ABOR \r\n", "NOOP\r\nABOR\r\n",
        "\u00ff\u00f4\u00ff\u00f2ABOR\r\n", "\u00ff\u00f4\u00ffABOR\r\n", "XABOR\r\n"})
    void anAborLineIsSeen(String received) {
        assertThat(TransferAbortFilter.containsAbort(bytes(received))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABORT\r\n", "ABOR x\r\n", "RETR ABOR\r\n", "NOOP\r\n", "AB\r\nOR\r\n", "", "XXABOR\r\n"})
    void otherLinesAreNot(String received) {
        assertThat(TransferAbortFilter.containsAbort(bytes(received))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ABOR\r\n", "NOOP\r\n"})
    void theBufferIsLeftAsItWas(String received) {
        IoBuffer buffer = bytes(received);
        TransferAbortFilter.containsAbort(buffer);
        assertThat(buffer.position()).isZero();
        assertThat(buffer.remaining()).isEqualTo(received.length());
    }
}

package io.github.anonftp.ftpserver;

import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFactory;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.codec.ProtocolDecoder;
import org.apache.mina.filter.codec.ProtocolEncoder;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;
import org.apache.mina.filter.codec.textline.TextLineDecoder;

/**
 * The command codec of anonftp's sessions: FtpServer's (UTF-8 lines of at most 1024 bytes, replies as their
 * text), except that bytes which are not UTF-8 become U+FFFD instead of failing the whole read. FtpServer's
 * decoder answers such a line with {@code 501} and silently drops every line read with it; with this one
 * the command runs and is answered, and a PASS of invalid bytes reaches the e-mail policy (and the access
 * log) like any other refused password.
 */
final class LenientCodec implements ProtocolCodecFactory {

    static final String NAME = "codec";

    private static final Charset LENIENT_UTF8 = new LenientUtf8();
    private static final LenientCodec INSTANCE = new LenientCodec();

    private final ProtocolDecoder decoder = new TextLineDecoder(LENIENT_UTF8);
    private final ProtocolEncoder encoder = new ProtocolEncoderAdapter() {
        @Override
        public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
            out.write(IoBuffer.wrap(message.toString().getBytes(StandardCharsets.UTF_8)));
        }
    };

    static ProtocolCodecFilter filter() {
        return new ProtocolCodecFilter(INSTANCE);
    }

    @Override
    public ProtocolEncoder getEncoder(IoSession session) {
        return encoder;
    }

    @Override
    public ProtocolDecoder getDecoder(IoSession session) {
        return decoder;
    }

    /** UTF-8 whose decoder replaces malformed input: MINA's line decoder asks the charset for its decoder. */
    private static final class LenientUtf8 extends Charset {

        LenientUtf8() {
            super("X-anonftp-lenient-UTF-8", new String[0]);
        }

        @Override
        public boolean contains(Charset other) {
            return StandardCharsets.UTF_8.contains(other);
        }

        @Override
        public CharsetDecoder newDecoder() {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
        }

        @Override
        public CharsetEncoder newEncoder() {
            return StandardCharsets.UTF_8.newEncoder();
        }
    }
}

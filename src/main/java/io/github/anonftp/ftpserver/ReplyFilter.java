package io.github.anonftp.ftpserver;

import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;
import org.apache.mina.filter.codec.RecoverableProtocolDecoderException;

/**
 * Sits right after FtpServer's codec in one session's chain. Rewrites the replies the ftplet marked
 * (FtpServer picks the 331/230 texts inside USER and PASS, by the typed name, with no per-session hook),
 * and answers the decoder error that FtpServer would meet with a silent close and a hex dump of the
 * client's bytes in its log: an over-long line gets {@code 500} and a close, and lines that arrived behind
 * it are dropped instead of run. (Bytes that are not UTF-8 no longer fail: see {@link LenientCodec}.)
 * Text can also be put before a reply's own ({@code 250-} directory messages before FtpServer's {@code 250}).
 * It also spends the session's command budget on every line, including those
 * FtpServer answers before login without calling any ftplet.
 */
final class ReplyFilter extends IoFilterAdapter {

    static final String NAME = "anonftp-replies";

    private final SessionControl control;

    ReplyFilter(SessionControl control) {
        this.control = control;
    }

    @Override
    public void filterWrite(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        Object message = request.getMessage();
        if (message instanceof FtpReply) {
            FtpReply reply = (FtpReply) message;
            String text = control.takeRewrite(reply.getCode());
            String prefix = control.takePrefix(reply.getCode());
            if (text != null || prefix != null) {
                String body = text != null ? text : String.valueOf(reply.getMessage());
                next.filterWrite(session, new DefaultWriteRequest(
                        new MultiLineReply(reply.getCode(), prefix == null ? body : prefix + "\n" + body),
                        request.getFuture(), request.getDestination()));
                return;
            }
        }
        next.filterWrite(session, request);
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (control.isClosing()) {
            return;
        }
        if (!control.spendCommand()) { // every line, also those FtpServer answers without calling an ftplet
            control.closeWith(Replies.tooManyCommands());
            return;
        }
        if (message instanceof String) {
            control.lastLine((String) message);
        }
        next.messageReceived(session, message);
    }

    @Override
    public void exceptionCaught(NextFilter next, IoSession session, Throwable cause) throws Exception {
        if (cause instanceof RecoverableProtocolDecoderException
                && String.valueOf(cause.getMessage()).startsWith("Line is too long")) {
            if (control.startClosing()) {
                session.write(Replies.lineTooLong());
                session.closeOnFlush();
            }
            return;
        }
        next.exceptionCaught(session, cause);
    }
}

package io.github.anonftp.ftpserver;

import org.apache.ftpserver.ftplet.FtpReply;

/**
 * A reply whose every line carries its code ({@code 230-...} lines, then {@code 230 ...}), the form
 * classic servers use and every client reads. FtpServer's {@code DefaultFtpReply} prefixes only the
 * first and last lines.
 */
final class MultiLineReply implements FtpReply {

    private final int code;
    private final String message;
    private final boolean leading;

    MultiLineReply(int code, String message) {
        this(code, message, false);
    }

    private MultiLineReply(int code, String message, boolean leading) {
        this.code = code;
        this.message = message;
        this.leading = leading;
    }

    /**
     * Only {@code code-} lines: the opening of a multi-line reply whose last line the command itself sends. With
     * FtpServer's own listener (integration level 1), where replies cannot be rewritten, this is how text goes
     * before FtpServer's {@code 220} or {@code 250}.
     */
    static MultiLineReply leading(int code, String message) {
        return new MultiLineReply(code, message, true);
    }

    @Override
    public int getCode() {
        return code;
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public long getSentTime() {
        return 0;
    }

    @Override
    public boolean isPositive() {
        return code < 400;
    }

    @Override
    public String toString() {
        if (!leading && message.indexOf('\n') < 0 && message.indexOf('\r') < 0) {
            return code + " " + message + "\r\n"; // the usual one-line reply: no split, no builder
        }
        String[] lines = message.replace("\r", "").split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(code).append(leading || i + 1 < lines.length ? '-' : ' ').append(lines[i]).append("\r\n");
        }
        return out.toString();
    }
}

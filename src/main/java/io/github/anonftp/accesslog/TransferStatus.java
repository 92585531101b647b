package io.github.anonftp.accesslog;

import java.util.Locale;

/** How a {@link EventType#TRANSFER transfer} ended, from its final reply. */
public enum TransferStatus {
    /** Every byte went through: reply 226 or 250. */
    COMPLETE,
    /** The data connection broke or was aborted part way: reply 426. */
    INCOMPLETE,
    /** Any other final reply: the transfer did not happen or broke on the server (for example 425, 451, 550). */
    FAILED;

    /** The lower-case name used in records: {@code complete}, {@code incomplete} or {@code failed}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}

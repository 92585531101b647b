package io.github.anonftp.accesslog;

import java.util.Locale;

/** The kinds of access-log record. */
public enum EventType {
    /** A connection was admitted (off by default: {@code accessLog.logConnects}). */
    CONNECT,
    /** A connection or session was refused by a limit, a ban, a list or the anonymous cap. */
    REFUSED,
    /** A PASS was answered: the login succeeded, was warned, refused by the e-mail policy, or failed. */
    LOGIN,
    /** A file was downloaded or uploaded, completely or not. */
    TRANSFER,
    /** A guest command was refused (for example a download from the drop box). */
    DENIED,
    /** A client was banned. */
    BAN,
    /** A client's ban was lifted before its end (by an operator). */
    UNBAN,
    /** A session ended. */
    LOGOUT;

    /** The lower-case name used in records: {@code login}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}

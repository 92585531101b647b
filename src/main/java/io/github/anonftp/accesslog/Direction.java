package io.github.anonftp.accesslog;

import java.util.Locale;

/** Which way a {@link EventType#TRANSFER transfer} went, seen from the client. */
public enum Direction {
    /** The client fetched a file ({@code RETR}). */
    DOWNLOAD,
    /** The client sent a file ({@code STOR}, {@code STOU} or {@code APPE}). */
    UPLOAD;

    /** The lower-case name used in records: {@code download} or {@code upload}. */
    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}

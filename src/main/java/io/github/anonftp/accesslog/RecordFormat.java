package io.github.anonftp.accesslog;

/** The access log's line format. */
public enum RecordFormat {
    /** JSON Lines: one object per event, fixed keys in a fixed order (docs/access-log.md). */
    JSON,
    /** wu-ftpd {@code xferlog(5)}: one line per transfer, field 10 the supplied address; other events not written. */
    XFERLOG
}

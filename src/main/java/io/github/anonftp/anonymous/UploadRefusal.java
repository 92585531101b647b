package io.github.anonftp.anonymous;

import java.util.Locale;

/** Why the drop box refused or stopped an upload; {@link #token()} is the access log's {@code reason}. */
public enum UploadRefusal {
    /** The name does not match {@code anonymous.uploadNamePattern}. */
    NAME_PATTERN,
    /** The name matches one of {@code anonymous.denyUploadNames}. */
    NAME_DENIED,
    /** The name is longer than 255 bytes in UTF-8. */
    NAME_TOO_LONG,
    /** Another upload took the name first (or it existed, without {@code anonymous.uploadRename}). */
    NAME_TAKEN,
    /** The upload passed {@code anonymous.maxUploadSize}. */
    TOO_LARGE,
    /** The drop box's file system has less free space than {@code anonymous.minFreeSpace}. */
    LOW_SPACE,
    /** The drop box holds {@code anonymous.maxDropBoxSize} bytes. */
    DROP_BOX_FULL,
    /** The client's {@code rateLimit.uploadQuotaPerClient} is spent. */
    QUOTA,
    /** The client's {@code rateLimit.uploadFilesPerClient} is spent. */
    FILE_QUOTA,
    /** The transfer was aborted or interrupted: nothing was kept under the name. */
    INCOMPLETE,
    /** The file could not be written (a disk error): see the server log. */
    WRITE_FAILED;

    private final String token = name().toLowerCase(Locale.ROOT).replace('_', '-');

    /** The stable lower-case token: {@code too-large}, {@code name-taken}. */
    public String token() {
        return token;
    }
}

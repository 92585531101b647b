package io.github.anonftp.anonymous;

import java.time.Duration;

/**
 * What became of one guest upload, for the reply and the access log.
 *
 * @param storedPath the guest path the file was stored under, or null when nothing was kept under a name
 *                   ({@code anonymous.keepPartialUploads} keeps the part under its hidden temporary name)
 * @param bytes      bytes received
 * @param kept       whether a file remains (under its name, or under its temporary name when partial uploads
 *                   are kept)
 * @param refusal    why it was refused or stopped, or null when it completed or is still running
 * @param retryAfter for a quota refusal, when the client's quota allows uploads again; else zero
 */
public record UploadReport(String storedPath, long bytes, boolean kept, UploadRefusal refusal, Duration retryAfter) {

    /** Whether the upload completed and was renamed into place. */
    public boolean completed() {
        return refusal == null && storedPath != null && kept;
    }
}

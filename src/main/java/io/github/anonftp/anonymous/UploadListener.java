package io.github.anonftp.anonymous;

/**
 * Told of every upload that completed and was renamed into place, on one of the drop box's hook threads (a
 * small bounded pool, never an FTP thread), after the {@code anonymous.onUpload} command if there is one.
 *
 * <p>A listener that throws rejects the file: it is moved to {@code anonymous.quarantineDirectory}, or deleted
 * when there is none, and the rejection is logged. Listeners run one after another for an upload and should
 * return promptly: a full queue drops hook runs (counted and logged), it never blocks an upload.
 */
@FunctionalInterface
public interface UploadListener {

    /** Inspects, copies or announces {@code upload}; throwing rejects the file. */
    void uploaded(Upload upload) throws Exception;
}

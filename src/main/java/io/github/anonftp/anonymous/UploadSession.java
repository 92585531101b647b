package io.github.anonftp.anonymous;

import java.time.Duration;

/**
 * What the drop box asks about the session an upload comes from: the client's upload quotas, whether the
 * client sent {@code ABOR}, and how the client shows in logs. anonftp's ftplet binds one to every guest
 * session ({@link AnonymousFileSystemFactory#bind}); without one, uploads have no quota and no ABOR is seen.
 * Implementations are thread-safe; calls come from the session's transfer thread.
 */
public interface UploadSession {

    /** Counts a new upload against the client's quotas: null when it may go ahead, else the quota spent. */
    default UploadRefusal startUpload() {
        return null;
    }

    /** Counts up to {@code bytes} against the client's byte quota; returns how many it granted. */
    default long claimBytes(long bytes) {
        return bytes;
    }

    /** Gives back {@code bytes} claimed but not kept, and the upload itself when {@code file}. */
    default void giveBack(long bytes, boolean file) {
    }

    /** When the client's spent quota allows uploads again. */
    default Duration retryAfter() {
        return Duration.ZERO;
    }

    /** How many {@code ABOR} commands the client has sent on this control connection so far. */
    default long aborts() {
        return 0;
    }

    /** The client's address as the access log shows it. */
    String client();

    /** The guest's e-mail password as the access log shows it; empty when unknown. */
    default String email() {
        return "";
    }
}

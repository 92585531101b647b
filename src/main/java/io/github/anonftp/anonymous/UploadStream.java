package io.github.anonftp.anonymous;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One guest upload: written to a hidden temporary file, every write checked against the size cap, the drop-box
 * total, the free-space floor and the client's byte quota; a refused write stops the upload and removes the part.
 *
 * <p>Completion: FtpServer's STOR and STOU close the stream once after the transfer returned normally and again
 * when their try-with-resources block ends, but only that once when the transfer failed (a reset, a read error).
 * So the first close seals the file and the second publishes it under its name, before the final reply is sent;
 * an upload closed only once is removed when its command ends ({@link #abandon}). An ABOR the client sent during
 * the transfer, seen by the session, also removes it. Used by one transfer thread; synchronized for
 * {@link #abandon} from a session's end.
 */
final class UploadStream extends OutputStream {

    private static final Logger LOG = LoggerFactory.getLogger(UploadStream.class);
    private static final long SPACE_CHECK_BYTES = 1L << 20;
    private static final long QUOTA_CLAIM_BYTES = 1L << 20;

    private enum State { OPEN, SEALED, PUBLISHED, REFUSED }

    private final DropBox box;
    private final UploadSession session;
    private final Path target;
    private final String guestPath;
    private final Path temporary;
    private final FileChannel channel;
    private final long abortsAtStart;
    private State state = State.OPEN;
    private long written;
    private long reserved;     // counted into the drop-box total
    private long quotaLeft;    // claimed from the client's byte quota, not yet written
    private long claimed;
    private long spaceLeft;    // writable before the free space is read again
    private UploadReport outcome; // once published or refused

    private UploadStream(DropBox box, UploadSession session, Path target, String guestPath, Path temporary)
            throws IOException {
        this.box = box;
        this.session = session;
        this.target = target;
        this.guestPath = guestPath;
        this.temporary = temporary;
        this.abortsAtStart = session.aborts();
        this.channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
    }

    /** Starts an upload to {@code target}: counts it against the client's quotas and creates the temporary file. */
    static UploadStream open(DropBox box, UploadSession session, Path target, String guestPath) throws IOException {
        UploadRefusal refusal = box.refusalNow();
        if (refusal == null) {
            refusal = session.startUpload();
        }
        if (refusal != null) {
            throw new UploadRefusedException(refusal, guestPath);
        }
        Path temporary = null;
        try {
            temporary = box.files().createTemporary(target);
            return new UploadStream(box, session, target, guestPath, temporary);
        } catch (IOException | RuntimeException e) {
            session.giveBack(0, true);
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
            throw e;
        }
    }

    synchronized UploadReport report() {
        return outcome != null ? outcome : new UploadReport(null, written, true, null, Duration.ZERO);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (state != State.OPEN) {
            throw state == State.REFUSED ? new UploadRefusedException(outcome.refusal(), guestPath)
                    : new IOException("Upload stream closed: " + guestPath);
        }
        admit(length);
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            LOG.warn("Could not write the upload {} to {}", guestPath, temporary, e);
            throw refuse(UploadRefusal.WRITE_FAILED, Duration.ZERO);
        }
        written += length;
        quotaLeft -= length;
        spaceLeft -= length;
    }

    /** Checks {@code length} more bytes against every bound; throws, having removed the part, when one is passed. */
    private void admit(long length) throws IOException {
        UploadConfig uploads = box.uploads();
        if (uploads.maxUploadSize() > 0 && written + length > uploads.maxUploadSize()) {
            throw refuse(UploadRefusal.TOO_LARGE, Duration.ZERO);
        }
        if (spaceLeft < length && box.floor() > 0) {
            spaceLeft = Math.min(SPACE_CHECK_BYTES, box.usableSpace() - box.floor());
            if (spaceLeft < length) {
                throw refuse(UploadRefusal.LOW_SPACE, Duration.ZERO);
            }
        } else if (box.floor() == 0) {
            spaceLeft = Long.MAX_VALUE;
        }
        if (quotaLeft < length) {
            long granted = session.claimBytes(Math.max(length - quotaLeft, QUOTA_CLAIM_BYTES));
            claimed += granted;
            quotaLeft += granted;
            if (quotaLeft < length) {
                throw refuse(UploadRefusal.QUOTA, session.retryAfter());
            }
        }
        if (!box.reserve(length)) {
            throw refuse(UploadRefusal.DROP_BOX_FULL, Duration.ZERO);
        }
        reserved += length;
    }

    @Override
    public synchronized void close() throws IOException {
        switch (state) {
            case OPEN -> {
                seal();
                if (session.aborts() != abortsAtStart) {
                    refuse(UploadRefusal.INCOMPLETE, Duration.ZERO); // the transfer failed: no second close
                }
            }
            case SEALED -> {
                if (session.aborts() != abortsAtStart) {
                    throw refuse(UploadRefusal.INCOMPLETE, Duration.ZERO);
                }
                publish();
            }
            default -> {
                // published or refused: nothing more to do
            }
        }
    }

    private void seal() throws IOException {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Could not finish writing the upload {} to {}", guestPath, temporary, e);
            throw refuse(UploadRefusal.WRITE_FAILED, Duration.ZERO);
        }
        state = State.SEALED;
    }

    private void publish() throws IOException {
        Path stored;
        try {
            stored = box.files().publish(temporary, target);
        } catch (IOException e) {
            LOG.warn("Could not store the upload {} from {}", guestPath, temporary, e);
            throw refuse(UploadRefusal.WRITE_FAILED, Duration.ZERO);
        }
        if (stored == null) {
            throw refuse(UploadRefusal.NAME_TAKEN, Duration.ZERO);
        }
        state = State.PUBLISHED;
        session.giveBack(Math.max(0, claimed - written), false);
        String storedPath = GuestPaths.parent(guestPath).equals("/") ? "/" + stored.getFileName()
                : GuestPaths.parent(guestPath) + "/" + stored.getFileName();
        outcome = new UploadReport(storedPath, written, true, null, Duration.ZERO);
        box.stored(new Upload(storedPath, stored, written, session.client(), session.email()));
    }

    /** Ends an upload whose transfer failed (closed once only) or whose session ended: the part is removed. */
    synchronized void abandon() {
        if (state == State.OPEN || state == State.SEALED) {
            refuse(UploadRefusal.INCOMPLETE, Duration.ZERO);
        }
    }

    /** Stops the upload: the part is removed (or kept under its temporary name), quotas and the total given back. */
    private UploadRefusedException refuse(UploadRefusal refusal, Duration retryAfter) {
        boolean keep = refusal == UploadRefusal.INCOMPLETE && box.uploads().keepPartialUploads() && written > 0;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing the refused upload {}", temporary, e);
        }
        if (!keep) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                LOG.warn("Could not remove the refused upload part {}", temporary, e);
            }
            box.release(reserved);
            session.giveBack(claimed, true);
        } else {
            session.giveBack(Math.max(0, claimed - written), false);
        }
        state = State.REFUSED;
        String keptAs = keep ? GuestPaths.parent(guestPath) + "/" + temporary.getFileName() : null;
        outcome = new UploadReport(keptAs, written, keep, refusal, retryAfter == null ? Duration.ZERO : retryAfter);
        return new UploadRefusedException(refusal, guestPath);
    }
}

package io.github.anonftp.anonymous;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.anonftp.Settings;

/**
 * The drop box of one server, shared by all guest sessions: its name rules, its free-space floor and total, and
 * what happens to files that arrive ({@link UploadStore}, {@link UploadHooks}). Made by the
 * {@link AnonymousUserManager} at start, when the drop-box total is counted once. Thread-safe.
 */
public final class DropBox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DropBox.class);
    private static final long AUTO_FLOOR_CAP = 1L << 30;

    private final AnonymousConfig config;
    private final UploadConfig uploads;
    private final Path directory;
    private final FileStore store;
    private final long floor;
    private final UploadNames names;
    private final AtomicLong total = new AtomicLong();
    private final UploadStore files;
    private final UploadHooks hooks;

    DropBox(AnonymousConfig config, Path directory) {
        this.config = config;
        this.uploads = config.uploads();
        this.directory = directory;
        this.store = fileStore(directory);
        this.floor = floorOf(uploads.minFreeSpace(), store);
        this.names = new UploadNames(uploads);
        this.files = new UploadStore(uploads, groupOf(uploads.uploadGroup(), directory));
        this.hooks = new UploadHooks(uploads, this);
        if (uploads.maxDropBoxSize() > 0) {
            total.set(sizeOf(directory));
            LOG.info("Drop box {} holds {} bytes of at most {}", directory, total.get(), uploads.maxDropBoxSize());
        }
    }

    private static FileStore fileStore(Path directory) {
        try {
            return Files.getFileStore(directory);
        } catch (IOException e) {
            throw Settings.invalid("anonymous.uploadDirectory", directory.toString(),
                    "a directory whose file system can be inspected for free space", e);
        }
    }

    /** The configured floor, or for {@code auto} 1 GiB or 5% of the file system, whichever is smaller. */
    static long floorOf(long configured, FileStore store) {
        if (configured != UploadConfig.AUTO_MIN_FREE_SPACE) {
            return configured;
        }
        try {
            return Math.min(AUTO_FLOOR_CAP, store.getTotalSpace() / 20);
        } catch (IOException e) {
            return AUTO_FLOOR_CAP;
        }
    }

    private static GroupPrincipal groupOf(String name, Path directory) {
        if (name == null) {
            return null;
        }
        String expected = "a group of this system that the server's user may give files to";
        try {
            GroupPrincipal group = directory.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByGroupName(name);
            UploadStore.probeGroup(directory, group);
            return group;
        } catch (IOException | UnsupportedOperationException e) {
            throw Settings.invalid("anonymous.uploadGroup", name, expected, e);
        }
    }

    private static long sizeOf(Path directory) {
        long[] sum = new long[1];
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.forEach(path -> {
                try {
                    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                    if (attributes.isRegularFile()) {
                        sum[0] += attributes.size();
                    }
                } catch (IOException e) {
                    LOG.debug("Cannot count {}", path, e);
                }
            });
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not count all of the drop box {}; counted {} bytes", directory, sum[0], e);
        }
        return sum[0];
    }

    /** Why a file of this name may not be uploaded, or null: its length, the deny globs, the name pattern. */
    public UploadRefusal refusalOfName(String name) {
        return names.refusal(name);
    }

    /** The deny glob {@code name} matches, for the reply; null if none. */
    public String deniedBy(String name) {
        return names.deniedBy(name);
    }

    /** Why no upload may start now, or null: the free-space floor, the drop-box total. */
    public UploadRefusal refusalNow() {
        if (floor > 0 && usableSpace() < floor) {
            return UploadRefusal.LOW_SPACE;
        }
        if (uploads.maxDropBoxSize() > 0 && total.get() >= uploads.maxDropBoxSize()) {
            return UploadRefusal.DROP_BOX_FULL;
        }
        return null;
    }

    /** The free-space floor in force, in bytes (0 = none). */
    public long floor() {
        return floor;
    }

    /** Bytes in the drop box as tracked: counted at start, plus what arrived, minus what was removed. */
    public long total() {
        return total.get();
    }

    public UploadConfig uploads() {
        return uploads;
    }

    /** Adds a listener told of every stored upload; see {@link UploadListener}. */
    public void addListener(UploadListener listener) {
        hooks.add(Settings.required("uploadListener", listener));
    }

    /** Hook runs dropped because the queue was full. */
    public long droppedHookRuns() {
        return hooks.dropped();
    }

    long usableSpace() {
        try {
            return store.getUsableSpace();
        } catch (IOException e) {
            LOG.debug("Cannot read the free space of {}", directory, e);
            return Long.MAX_VALUE;
        }
    }

    /** Counts {@code bytes} into the total; false, counting nothing, when it would pass the maximum. */
    boolean reserve(long bytes) {
        long max = uploads.maxDropBoxSize();
        if (max == 0) {
            return true;
        }
        while (true) {
            long now = total.get();
            if (now + bytes > max) {
                return false;
            }
            if (total.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    /** Takes {@code bytes} out of the total: a discarded part, a rejected file. */
    void release(long bytes) {
        if (uploads.maxDropBoxSize() > 0 && bytes > 0) {
            total.addAndGet(-bytes);
        }
    }

    AnonymousConfig config() {
        return config;
    }

    Path directory() {
        return directory;
    }

    UploadStore files() {
        return files;
    }

    /** Hands a stored upload to the hook and the listeners. */
    void stored(Upload upload) {
        hooks.submit(upload);
    }

    /** Removes a rejected upload: into the quarantine directory, or deleted; the total forgets it. */
    void reject(Upload upload, String why) {
        Path moved = files.quarantine(upload.file());
        release(upload.size());
        if (moved != null) {
            LOG.warn("Upload {} ({} bytes from {}) rejected: {}; moved to {}", upload.path(), upload.size(),
                    upload.client(), why, moved);
        } else {
            LOG.warn("Upload {} ({} bytes from {}) rejected: {}; deleted", upload.path(), upload.size(),
                    upload.client(), why);
        }
    }

    /** Stops the hook pool, letting queued runs finish for at most a few seconds. */
    @Override
    public void close() {
        hooks.close();
    }
}

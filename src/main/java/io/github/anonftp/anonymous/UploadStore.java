package io.github.anonftp.anonymous;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk side of uploads: the hidden temporary file an upload is written to, and the step that makes it
 * appear under its name with its mode and group, never replacing a file (a hard link fails when the name
 * exists, unlike a rename). Thread-safe.
 */
final class UploadStore {

    private static final Logger LOG = LoggerFactory.getLogger(UploadStore.class);
    private static final int MAX_RENAMES = 999;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final UploadConfig uploads;
    private final GroupPrincipal group;
    private final Set<PosixFilePermission> mode;

    UploadStore(UploadConfig uploads, GroupPrincipal group) {
        this.uploads = uploads;
        this.group = group;
        this.mode = permissions(uploads.uploadMode());
    }

    static Set<PosixFilePermission> permissions(int bits) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((bits & (1 << i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }

    /** Tries giving a scratch file in {@code directory} to {@code group}: start-up fails when it cannot. */
    static void probeGroup(Path directory, GroupPrincipal group) throws IOException {
        Path probe = Files.createTempFile(directory, ".anonftp-group-", ".probe");
        try {
            Files.getFileAttributeView(probe, PosixFileAttributeView.class).setGroup(group);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    /**
     * Creates the hidden temporary file for an upload to {@code target}, readable by the server only:
     * {@code .in.<random>.<name>.part} in the same directory (so the final step is a link, not a copy), or
     * {@code .in.<random>.part} when the name would make it too long.
     */
    Path createTemporary(Path target) throws IOException {
        String random = HexFormat.of().formatHex(randomBytes());
        String name = target.getFileName().toString();
        String full = ".in." + random + "." + name + ".part";
        String hidden = full.getBytes(StandardCharsets.UTF_8).length <= UploadConfig.MAX_NAME_BYTES ? full
                : ".in." + random + ".part";
        Path temporary = target.resolveSibling(hidden);
        if (Files.getFileStore(target.getParent()).supportsFileAttributeView(PosixFileAttributeView.class)) {
            return Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        return Files.createFile(temporary);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /**
     * Gives {@code temporary} its mode and group, then makes it appear as {@code target} (or, with
     * {@code anonymous.uploadRename}, the first free {@code target.N}) and removes the temporary name. Returns the
     * name it appeared under, or null when the name is taken (nothing was replaced).
     */
    Path publish(Path temporary, Path target) throws IOException {
        PosixFileAttributeView posix = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
        if (posix != null) {
            posix.setPermissions(mode);
            if (group != null) {
                posix.setGroup(group);
            }
        }
        String name = target.getFileName().toString();
        int attempts = uploads.uploadRename() ? MAX_RENAMES + 1 : 1;
        for (int i = 0; i < attempts; i++) {
            Path candidate = i == 0 ? target : target.resolveSibling(name + "." + i);
            if (linkOrMove(temporary, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Makes {@code temporary} appear as {@code candidate} unless that exists; false when it does. */
    private static boolean linkOrMove(Path temporary, Path candidate) throws IOException {
        try {
            Files.createLink(candidate, temporary); // link(2): fails if the name exists, atomically
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | FileSystemException e) {
            if (Files.exists(candidate)) {
                return false;
            }
            // A file system without hard links: move without replacing (checked, then renamed).
            LOG.debug("Cannot link {}; moving it", temporary, e);
            try {
                Files.move(temporary, candidate);
                return true;
            } catch (FileAlreadyExistsException taken) {
                return false;
            }
        }
        Files.delete(temporary);
        return true;
    }

    /** Moves a rejected file into the quarantine directory (never replacing one there); null when it was deleted. */
    Path quarantine(Path file) {
        Path directory = uploads.quarantineDirectory();
        try {
            if (directory != null) {
                Path target = directory.resolve(file.getFileName().toString());
                for (int i = 0; i <= MAX_RENAMES; i++) {
                    Path candidate = i == 0 ? target : directory.resolve(file.getFileName() + "." + i);
                    try {
                        Files.move(file, candidate);
                        return candidate;
                    } catch (FileAlreadyExistsException e) {
                        // try the next name
                    }
                }
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not quarantine {}; deleting it", file, e);
            try {
                Files.deleteIfExists(file);
            } catch (IOException again) {
                LOG.error("Could not delete rejected upload {}", file, again);
            }
        }
        return null;
    }
}

package io.github.anonftp.anonymous;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** What the disk said about one path, read once: kind, size, modification time, real location. */
record GuestEntry(Kind kind, long size, long lastModified, Path real) {

    enum Kind { MISSING, FILE, DIRECTORY, OTHER }

    static final GuestEntry MISSING = new GuestEntry(Kind.MISSING, 0, 0, null);

    static GuestEntry of(Path real, BasicFileAttributes attributes) {
        Kind kind = attributes.isDirectory() ? Kind.DIRECTORY
                : attributes.isRegularFile() ? Kind.FILE : Kind.OTHER;
        return new GuestEntry(kind, attributes.size(), attributes.lastModifiedTime().toMillis(), real);
    }

    /** A directory whose own times are not shown (the drop box: its times would reveal uploads). */
    static GuestEntry directory(Path real, long shownLastModified) {
        return new GuestEntry(Kind.DIRECTORY, 0, shownLastModified, real);
    }

    boolean exists() {
        return kind != Kind.MISSING;
    }
}

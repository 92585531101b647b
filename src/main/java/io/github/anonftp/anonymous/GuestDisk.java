package io.github.anonftp.anonymous;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.anonftp.IpText;

/**
 * Maps guest paths to the disk: the archive below the home directory, the drop box below the upload
 * directory. Everything that leaves those directories through a symbolic link (unless allowed) or that
 * reaches the upload directory through the archive is reported as missing.
 */
final class GuestDisk {

    private static final Logger LOG = LoggerFactory.getLogger(GuestDisk.class);

    private final AnonymousConfig config;
    private final Path home;
    private final Path upload;
    private final long homeModified;
    private final DropBox dropBox;
    private final Set<UploadStream> uploads = ConcurrentHashMap.newKeySet();
    private volatile UploadSession session;

    private GuestDisk(AnonymousConfig config, Path home, Path upload, long homeModified, DropBox dropBox,
            UploadSession session) {
        this.config = config;
        this.home = home;
        this.upload = upload;
        this.homeModified = homeModified;
        this.dropBox = dropBox;
        this.session = session;
    }

    static GuestDisk of(GuestUser user) throws FtpException {
        AnonymousConfig config = user.config();
        try {
            Path home = config.homeDirectory().toRealPath();
            Path upload = config.hasDropBox() ? config.uploadDirectory().toRealPath() : null;
            InetAddress address = user.clientAddress();
            String client = address == null ? "" : IpText.of(address);
            return new GuestDisk(config, home, upload, Files.getLastModifiedTime(home).toMillis(), user.dropBox(),
                    () -> client);
        } catch (IOException e) {
            throw new FtpException("The anonymous home or upload directory is not available", e);
        }
    }

    /** Binds the session uploads are counted for (quotas, ABOR, how the client shows in logs). */
    void bind(UploadSession value) {
        session = value;
    }

    boolean renamesUploads() {
        return dropBox != null && dropBox.uploads().uploadRename();
    }

    /** Starts an upload to {@code physical}, a name in the drop box; see {@link UploadStream}. */
    UploadStream startUpload(GuestFtpFile file, Path physical) throws IOException {
        if (dropBox == null) {
            throw new IOException("No drop box: " + file.getAbsolutePath());
        }
        UploadRefusal name = dropBox.refusalOfName(file.getName());
        if (name != null) {
            throw new UploadRefusedException(name, file.getAbsolutePath());
        }
        UploadStream stream = UploadStream.open(dropBox, session, physical, file.getAbsolutePath());
        uploads.add(stream);
        return stream;
    }

    Duration retryAfter(UploadRefusal refusal) {
        return refusal == UploadRefusal.QUOTA || refusal == UploadRefusal.FILE_QUOTA ? session.retryAfter()
                : Duration.ZERO;
    }

    void finished(UploadStream stream) {
        uploads.remove(stream);
    }

    /** The session ended: uploads still unfinished are removed. */
    void dispose() {
        for (UploadStream stream : uploads) {
            stream.abandon();
        }
        uploads.clear();
    }

    GuestFtpFile file(String guestPath) {
        GuestArea area = config.areaOf(guestPath);
        switch (area) {
            case DROP_BOX:
                return new GuestFtpFile(this, guestPath, area, upload, GuestEntry.directory(upload, homeModified));
            case IN_DROP_BOX:
                return dropBoxFile(guestPath);
            default:
                return archiveFile(guestPath);
        }
    }

    private GuestFtpFile archiveFile(String guestPath) {
        if (config.fileRules().isDenied(guestPath)) {
            return new GuestFtpFile(this, guestPath, GuestArea.ARCHIVE, null, GuestEntry.MISSING);
        }
        Path physical = physical(home, GuestPaths.relativeTo(guestPath, "/"));
        GuestEntry entry = physical == null ? GuestEntry.MISSING : inspect(physical, home, false);
        if (config.fileRules().isDeniedOnDisk(home, "/", entry.real())) {
            return new GuestFtpFile(this, guestPath, GuestArea.ARCHIVE, null, GuestEntry.MISSING);
        }
        return new GuestFtpFile(this, guestPath, GuestArea.ARCHIVE, physical, entry);
    }

    private GuestFtpFile dropBoxFile(String guestPath) {
        if (config.fileRules().isDenied(guestPath)) { // nor may a denied name be uploaded
            return new GuestFtpFile(this, guestPath, GuestArea.IN_DROP_BOX, null, GuestEntry.MISSING);
        }
        Path physical = physical(upload, GuestPaths.relativeTo(guestPath, config.uploadPath()));
        GuestEntry entry = physical == null ? GuestEntry.MISSING : inspect(physical, upload, false);
        return new GuestFtpFile(this, guestPath, GuestArea.IN_DROP_BOX, physical, entry);
    }

    private static Path physical(Path root, String relative) {
        try {
            return relative.isEmpty() ? root : root.resolve(relative);
        } catch (InvalidPathException e) {
            return null; // a NUL or similar in the name: no such file
        }
    }

    /**
     * Reads a path's attributes once. {@code trustedParent}: the parent is known to be a real directory
     * inside {@code root}, so only a symbolic link itself can lead elsewhere.
     */
    private GuestEntry inspect(Path physical, Path root, boolean trustedParent) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(physical, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            Path real = physical;
            if (attributes.isSymbolicLink() || !trustedParent) {
                real = physical.toRealPath();
                if (!config.followSymlinks() && !real.startsWith(root)) {
                    return GuestEntry.MISSING;
                }
                attributes = Files.readAttributes(real, BasicFileAttributes.class);
            }
            if (root.equals(home) && upload != null && real.startsWith(upload)) {
                return GuestEntry.MISSING;
            }
            return GuestEntry.of(real, attributes);
        } catch (NoSuchFileException e) {
            return GuestEntry.MISSING;
        } catch (IOException | SecurityException e) {
            LOG.debug("Cannot inspect {}", physical, e);
            return GuestEntry.MISSING;
        }
    }

    /**
     * The archive directory's entries sorted by name, with the drop box shown where it is mounted. Sorted here,
     * on the names the directory read gave, because a sort of the files afterwards pays a comparator and a name
     * lookup per comparison (a third of a 1000-entry LIST's CPU when profiled).
     */
    List<FtpFile> list(GuestFtpFile directory) {
        String dropBoxName = dropBoxNameIn(directory.getAbsolutePath());
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory.entry().real())) {
            for (Path child : entries) {
                String name = child.getFileName().toString();
                if (!name.equals(dropBoxName)) {
                    children.add(new Child(name, child));
                }
            }
        } catch (IOException | SecurityException e) {
            LOG.debug("Cannot list {}", directory.entry().real(), e);
        }
        if (dropBoxName != null) {
            children.add(new Child(dropBoxName, null));
        }
        children.sort(Child.BY_NAME);
        List<FtpFile> files = new ArrayList<>(children.size());
        for (Child child : children) {
            if (child.path() == null) {
                files.add(file(config.uploadPath()));
                continue;
            }
            String childPath = childPath(directory.getAbsolutePath(), child.name());
            if (config.fileRules().isUnlisted(childPath)) {
                continue;
            }
            GuestEntry entry = inspect(child.path(), home, true);
            if (entry.exists() && !config.fileRules().isDeniedOnDisk(home, "/", entry.real())) {
                files.add(new GuestFtpFile(this, childPath, GuestArea.ARCHIVE, child.path(), entry));
            }
        }
        return files;
    }

    /** A directory entry as read, by name; no path for the drop box shown in its parent. */
    private record Child(String name, Path path) {
        static final Comparator<Child> BY_NAME = (a, b) -> a.name.compareTo(b.name);
    }

    private String dropBoxNameIn(String directory) {
        if (upload == null || !GuestPaths.parent(config.uploadPath()).equals(directory)) {
            return null;
        }
        return GuestPaths.name(config.uploadPath());
    }

    private static String childPath(String directory, String name) {
        return directory.equals("/") ? "/" + name : directory + "/" + name;
    }

    /**
     * The sanitised text of the directory message file ({@link AnonymousConfig#dirMessage()}) in the archive
     * directory {@code guestDirectory}, or null when there is none. Hide and deny rules do not apply to it
     * (they keep it out of listings and downloads); the jail does.
     */
    String directoryMessage(String guestDirectory) {
        GuestFtpFile directory = file(guestDirectory);
        if (!config.hasDirMessage() || directory.area() != GuestArea.ARCHIVE || !directory.isDirectory()) {
            return null;
        }
        Path message = physical(directory.entry().real(), config.dirMessage());
        GuestEntry entry = message == null ? GuestEntry.MISSING : inspect(message, home, true);
        if (entry.kind() != GuestEntry.Kind.FILE) {
            return null;
        }
        try {
            String text = MessageText.read(entry.real());
            return text.isEmpty() ? null : text;
        } catch (IOException | SecurityException e) {
            LOG.debug("Cannot read {}", entry.real(), e);
            return null;
        }
    }

    /** Whether a new file may be created at {@code physical}: its parent is a directory inside the drop box. */
    boolean canCreateInDropBox(Path physical) {
        Path parent = physical.getParent();
        try {
            return parent != null && Files.isDirectory(parent) && parent.toRealPath().startsWith(upload);
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}

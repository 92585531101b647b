package io.github.anonftp.anonymous;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.apache.ftpserver.ftplet.FtpFile;

/**
 * A file as a guest sees it. Archive files are readable and never writable; the drop box takes new
 * files only; drop-box files are neither readable nor changeable, and show no size or time.
 */
final class GuestFtpFile implements FtpFile {

    private final GuestDisk disk;
    private final String guestPath;
    private final GuestArea area;
    private final Path physical;
    private final GuestEntry entry;
    private volatile UploadStream upload;
    private volatile UploadReport refusedUpload;
    private String name; // computed once: listings sort, filter and print by name

    GuestFtpFile(GuestDisk disk, String guestPath, GuestArea area, Path physical, GuestEntry entry) {
        this.disk = disk;
        this.guestPath = guestPath;
        this.area = area;
        this.physical = physical;
        this.entry = entry;
    }

    GuestEntry entry() {
        return entry;
    }

    GuestArea area() {
        return area;
    }

    @Override
    public String getAbsolutePath() {
        return guestPath;
    }

    @Override
    public String getName() {
        String known = name;
        if (known == null) {
            known = GuestPaths.name(guestPath);
            name = known;
        }
        return known;
    }

    @Override
    public boolean isHidden() {
        return getName().startsWith(".") && !guestPath.equals("/");
    }

    @Override
    public boolean isDirectory() {
        return entry.kind() == GuestEntry.Kind.DIRECTORY;
    }

    @Override
    public boolean isFile() {
        return entry.kind() == GuestEntry.Kind.FILE;
    }

    @Override
    public boolean doesExist() {
        return entry.exists();
    }

    @Override
    public boolean isReadable() {
        return area == GuestArea.ARCHIVE && entry.exists() && Files.isReadable(entry.real());
    }

    @Override
    public boolean isWritable() {
        return area == GuestArea.IN_DROP_BOX && (!entry.exists() || disk.renamesUploads()) && physical != null
                && disk.canCreateInDropBox(physical);
    }

    @Override
    public boolean isRemovable() {
        return false;
    }

    @Override
    public String getOwnerName() {
        return "ftp";
    }

    @Override
    public String getGroupName() {
        return "ftp";
    }

    @Override
    public int getLinkCount() {
        return isDirectory() ? 3 : 1;
    }

    @Override
    public long getLastModified() {
        return area == GuestArea.IN_DROP_BOX ? 0 : entry.lastModified();
    }

    @Override
    public boolean setLastModified(long time) {
        return false;
    }

    @Override
    public long getSize() {
        return area == GuestArea.ARCHIVE ? entry.size() : 0;
    }

    @Override
    public Object getPhysicalFile() {
        return area == GuestArea.ARCHIVE && entry.exists() ? entry.real().toFile() : null;
    }

    @Override
    public boolean mkdir() {
        return false;
    }

    @Override
    public boolean delete() {
        return false;
    }

    @Override
    public boolean move(FtpFile destination) {
        return false;
    }

    @Override
    public List<? extends FtpFile> listFiles() {
        if (area == GuestArea.ARCHIVE && isDirectory()) {
            return disk.list(this);
        }
        return isDirectory() ? List.of() : null;
    }

    /**
     * Starts an upload: written under a hidden temporary name, it appears under this name (or the next free
     * {@code name.N} with {@code anonymous.uploadRename}) only once complete, and never replaces a file.
     */
    @Override
    public OutputStream createOutputStream(long offset) throws IOException {
        if (!isWritable()) {
            throw new IOException("Not writable for guests: " + guestPath);
        }
        if (offset != 0) {
            throw new IOException("Uploads to the drop box cannot resume or append: " + guestPath);
        }
        try {
            UploadStream stream = disk.startUpload(this, physical);
            upload = stream;
            return stream;
        } catch (UploadRefusedException e) {
            refusedUpload = new UploadReport(null, 0, false, e.refusal(), disk.retryAfter(e.refusal()));
            throw e;
        }
    }

    /** What became of the upload to this file, or null if none was started. */
    UploadReport uploadReport() {
        UploadStream stream = upload;
        return stream != null ? stream.report() : refusedUpload;
    }

    /** Ends this file's upload if its transfer failed, and reports what became of it. */
    UploadReport finishUpload() {
        UploadStream stream = upload;
        if (stream != null) {
            stream.abandon();
            disk.finished(stream);
        }
        return uploadReport();
    }

    @Override
    public InputStream createInputStream(long offset) throws IOException {
        if (!isReadable() || !isFile()) {
            throw new IOException("Not readable for guests: " + guestPath);
        }
        // A FileInputStream, whose channel anonftp's data connection sends with transferTo (sendfile).
        FileInputStream in = new FileInputStream(entry.real().toFile());
        try {
            in.getChannel().position(offset);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        return in;
    }

    @Override
    public String toString() {
        return "GuestFtpFile[" + guestPath + ", " + area + "]";
    }
}

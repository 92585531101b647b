package io.github.anonftp.anonymous;

import org.apache.ftpserver.filesystem.nativefs.NativeFileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.User;

/**
 * Gives guests their own file system and everyone else the site's.
 *
 * <p>A guest sees the home directory read-only and jailed: symbolic links that lead outside it are
 * hidden unless {@link AnonymousConfig#followSymlinks()}. The drop box ({@link AnonymousConfig#uploadPath()},
 * backed by {@link AnonymousConfig#uploadDirectory()}, which may lie anywhere on disk) takes new files
 * and nothing else: its contents cannot be listed, read, overwritten, appended to, renamed or deleted,
 * and no directory can be made in it. If the upload directory lies inside the home, guests cannot reach
 * it by its other path. An upload is written under a hidden temporary name, bounded as
 * {@link UploadConfig} says, and appears under its name only once complete (see {@link DropBox}). Thread-safe.
 */
public final class AnonymousFileSystemFactory implements FileSystemFactory {

    private final FileSystemFactory delegate;

    /** Guests get their own view; other users get FtpServer's native file system. */
    public AnonymousFileSystemFactory() {
        this(new NativeFileSystemFactory());
    }

    /** Guests get their own view; other users get {@code delegate}'s. */
    public AnonymousFileSystemFactory(FileSystemFactory delegate) {
        if (delegate == null || delegate instanceof AnonymousFileSystemFactory) {
            throw new IllegalArgumentException("a delegate file system factory other than this one is required");
        }
        this.delegate = delegate;
    }

    @Override
    public FileSystemView createFileSystemView(User user) throws FtpException {
        if (user instanceof GuestUser) {
            return new GuestFileSystemView(GuestDisk.of((GuestUser) user));
        }
        return delegate.createFileSystemView(user);
    }

    /**
     * Binds a guest session's {@link UploadSession} to its file system view (from
     * {@code FtpSession.getFileSystemView()} after login); false when {@code view} is not a guest's.
     */
    public static boolean bind(FileSystemView view, UploadSession session) {
        if (view instanceof GuestFileSystemView && session != null) {
            ((GuestFileSystemView) view).bind(session);
            return true;
        }
        return false;
    }

    /**
     * What became of the upload to {@code file} (the file of a STOR or STOU reply) so far, or null when it is
     * no guest upload. Reading it changes nothing.
     */
    public static UploadReport uploadReport(FtpFile file) {
        return file instanceof GuestFtpFile ? ((GuestFtpFile) file).uploadReport() : null;
    }

    /**
     * Ends the upload to {@code file} once its command is over: one whose transfer failed is removed now. Returns
     * what became of it, or null when it is no guest upload.
     */
    public static UploadReport finishUpload(FtpFile file) {
        return file instanceof GuestFtpFile ? ((GuestFtpFile) file).finishUpload() : null;
    }
}

package io.github.anonftp.anonymous;

import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpFile;

/** One guest session's view: a working directory over the shared {@link GuestDisk}. */
final class GuestFileSystemView implements FileSystemView {

    private final GuestDisk disk;
    private volatile String workingDirectory = "/";

    GuestFileSystemView(GuestDisk disk) {
        this.disk = disk;
    }

    GuestDisk disk() {
        return disk;
    }

    @Override
    public FtpFile getHomeDirectory() {
        return disk.file("/");
    }

    @Override
    public FtpFile getWorkingDirectory() {
        return disk.file(workingDirectory);
    }

    @Override
    public boolean changeWorkingDirectory(String directory) {
        String path = GuestPaths.resolve(workingDirectory, directory);
        if (!disk.file(path).isDirectory()) {
            return false;
        }
        workingDirectory = path;
        return true;
    }

    @Override
    public FtpFile getFile(String file) {
        return disk.file(GuestPaths.resolve(workingDirectory, file));
    }

    @Override
    public boolean isRandomAccessible() {
        return true;
    }

    @Override
    public void dispose() {
        // nothing held open
    }
}

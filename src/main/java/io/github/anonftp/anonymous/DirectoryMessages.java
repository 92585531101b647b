package io.github.anonftp.anonymous;

import org.apache.ftpserver.ftplet.FileSystemView;

/**
 * Directory messages (wu-ftpd {@code message … CWD=*}, ProFTPD {@code DisplayChdir}, vsftpd
 * {@code dirmessage_enable}): the text of the {@link AnonymousConfig#dirMessage()} file of a guest directory.
 */
public final class DirectoryMessages {

    private DirectoryMessages() {
    }

    /**
     * The sanitised message of the archive directory {@code guestDirectory} (an absolute guest path) in a guest's
     * {@code view}: at most 4096 bytes of it, control characters removed, lines cut to 200 characters. Null when
     * messages are off, the view is not a guest's, the directory is missing or denied, or it has no message file.
     * The message file is read even when the hide or deny rules keep it out of listings and downloads.
     */
    public static String of(FileSystemView view, String guestDirectory) {
        if (!(view instanceof GuestFileSystemView) || guestDirectory == null) {
            return null;
        }
        return ((GuestFileSystemView) view).disk().directoryMessage(guestDirectory);
    }
}

package io.github.anonftp.ftpserver;

import java.time.Duration;

import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;

import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.DropBox;
import io.github.anonftp.anonymous.GuestArea;
import io.github.anonftp.anonymous.UploadRefusal;

/**
 * Answers a logged-in guest's file commands that the guest may not run, with a clear {@code 550}, before
 * FtpServer runs them. The guest file system refuses the same operations too (the safety net), but
 * FtpServer would answer with its generic texts, or not at all for listings: it checks no permission
 * for LIST, NLST, MLSD, MLST, STAT, SIZE or MDTM.
 */
final class DropBoxGuard {

    /** A refused command: the reply to send, the guest path it concerned, and for uploads why (else null). */
    record Denial(FtpReply reply, String path, String reason) {
        Denial(FtpReply reply, String path) {
            this(reply, path, null);
        }
    }

    private final AnonymousConfig config;
    private final DropBox box;

    DropBoxGuard(AnonymousConfig config, DropBox box) {
        this.config = config;
        this.box = box;
    }

    /** The refusal for this command, or null to let FtpServer run it. */
    Denial refusal(FtpSession session, FtpRequest request) throws FtpException {
        String argument = request.getArgument();
        if (argument != null && Replies.hasControlCharacter(argument)) {
            // FtpServer logs paths raw ("File downloaded ..."): a CR in one would split its log line.
            return new Denial(Replies.controlCharacterInPath(), Replies.printable(argument));
        }
        switch (request.getCommand()) {
            case "RETR":
            case "SIZE":
            case "MDTM":
                return argument == null ? null : read(session, argument);
            case "MLST":
                return read(session, argument == null ? "." : argument);
            case "STAT":
                return argument == null ? null : list(session, argument);
            case "LIST":
            case "NLST":
            case "MLSD":
                return list(session, argument);
            case "STOR":
                return argument == null ? null : store(session, argument);
            case "STOU":
                return storeUnique(session, argument);
            case "APPE":
            case "DELE":
            case "RNFR":
            case "RNTO":
                return argument == null ? null : change(session, argument);
            case "MKD":
            case "RMD":
                return argument == null ? null : directory(session, argument);
            case "MFMT":
                return argument == null ? null : change(session, afterFirstSpace(argument));
            default:
                return null;
        }
    }

    private Denial read(FtpSession session, String argument) throws FtpException {
        String path = session.getFileSystemView().getFile(argument).getAbsolutePath();
        return config.areaOf(path) == GuestArea.ARCHIVE ? null : new Denial(Replies.dropBoxNotReadable(path), path);
    }

    private Denial list(FtpSession session, String argument) throws FtpException {
        String path = session.getFileSystemView().getFile(listedPath(argument)).getAbsolutePath();
        return config.areaOf(path) == GuestArea.ARCHIVE ? null : new Denial(Replies.dropBoxNotListable(path), path);
    }

    private Denial store(FtpSession session, String argument) throws FtpException {
        FtpFile file = session.getFileSystemView().getFile(argument);
        String path = file.getAbsolutePath();
        switch (config.areaOf(path)) {
            case IN_DROP_BOX:
                return upload(file, path);
            case DROP_BOX:
                return new Denial(Replies.notAFileName(path, config.uploadPath()), path);
            default:
                return readOnly(path);
        }
    }

    /** A new file in the drop box: its name, then whether it exists, then the space and the drop-box total. */
    private Denial upload(FtpFile file, String path) {
        UploadRefusal name = box == null ? null : box.refusalOfName(file.getName());
        if (name != null) {
            return new Denial(Replies.uploadRefused(name, path, file.getName(), box, Duration.ZERO), path,
                    name.token());
        }
        if (file.doesExist() && (box == null || !box.uploads().uploadRename())) {
            return new Denial(Replies.dropBoxNoOverwrite(path), path, UploadRefusal.NAME_TAKEN.token());
        }
        return now(path);
    }

    private Denial now(String path) {
        UploadRefusal now = box == null ? null : box.refusalNow();
        return now == null ? null
                : new Denial(Replies.uploadRefused(now, path, path.substring(path.lastIndexOf('/') + 1), box,
                        Duration.ZERO), path,
                        now.token());
    }

    private Denial storeUnique(FtpSession session, String argument) throws FtpException {
        String path = session.getFileSystemView().getFile(argument == null ? "." : argument).getAbsolutePath();
        return config.areaOf(path) == GuestArea.ARCHIVE ? readOnly(path) : now(path);
    }

    private Denial change(FtpSession session, String argument) throws FtpException {
        String path = session.getFileSystemView().getFile(argument).getAbsolutePath();
        return config.areaOf(path) == GuestArea.ARCHIVE ? readOnly(path)
                : new Denial(Replies.dropBoxNotChangeable(path), path);
    }

    private Denial directory(FtpSession session, String argument) throws FtpException {
        String path = session.getFileSystemView().getFile(argument).getAbsolutePath();
        return config.areaOf(path) == GuestArea.ARCHIVE ? readOnly(path)
                : new Denial(Replies.dropBoxNoDirectories(path), path);
    }

    private Denial readOnly(String path) {
        return new Denial(Replies.readOnly(path, config.hasDropBox() ? config.uploadPath() : null), path);
    }

    /**
     * The directory a listing command reads, parsed the way FtpServer's list-argument parser does:
     * leading {@code -options} skipped, a wildcard last segment ({@code /incoming/*}) stripped.
     */
    static String listedPath(String argument) {
        if (argument == null) {
            return ".";
        }
        String rest = argument.strip();
        while (rest.startsWith("-")) {
            int space = rest.indexOf(' ');
            rest = space < 0 ? "" : rest.substring(space + 1).strip();
        }
        int slash = rest.lastIndexOf('/');
        String last = rest.substring(slash + 1);
        if (last.indexOf('*') >= 0 || last.indexOf('?') >= 0 || last.indexOf('[') >= 0) {
            rest = slash < 0 ? "" : rest.substring(0, slash + 1);
        }
        return rest.isEmpty() ? "." : rest;
    }

    private static String afterFirstSpace(String argument) {
        int space = argument.indexOf(' ');
        return space < 0 ? argument : argument.substring(space + 1);
    }
}

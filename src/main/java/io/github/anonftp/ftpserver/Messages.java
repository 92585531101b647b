package io.github.anonftp.ftpserver;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;

import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.DirectoryMessages;

/**
 * The {@code 220} banner and the {@code 250-} directory messages of {@link AnonFtplet}. With anonftp's listener
 * (integration level 2) the text goes into FtpServer's own reply: the banner replaces its {@code 220} text, a
 * directory message comes before its {@code 250}. With FtpServer's listener (level 1) replies cannot be changed,
 * so the lines are written as {@code 220-}/{@code 250-} lines just before FtpServer's reply, which closes them.
 */
final class Messages {

    /** Messages a session shows at most (it remembers their directories); past this, no more are shown. */
    static final int MAX_SHOWN = 1000;

    private static final String ATTRIBUTE = "io.github.anonftp.messages";

    private final AnonymousConfig config;

    Messages(AnonymousConfig config) {
        this.config = config;
    }

    /** Sends the banner with (level 2) or before (level 1) FtpServer's greeting. */
    void greet(FtpSession session) throws FtpException {
        if (!config.hasBanner()) {
            return;
        }
        SessionControl control = SessionControl.of(session);
        if (control != null) {
            control.rewriteNext(220, config.banner());
        } else {
            session.write(MultiLineReply.leading(220, config.banner()));
        }
    }

    /** Before a guest's CWD or CDUP: the message of the directory it enters, unless shown already. */
    void beforeChangeDirectory(FtpSession session, FtpRequest request) throws FtpException {
        if (!config.hasDirMessage()) {
            return;
        }
        FileSystemView view = session.getFileSystemView();
        String argument = request.getCommand().equals("CDUP") ? ".." : request.getArgument();
        FtpFile target = view.getFile(argument == null ? "/" : argument);
        if (target == null || !target.isDirectory()) {
            return;
        }
        Set<String> shown = shown(session);
        String directory = target.getAbsolutePath();
        if (shown.contains(directory) || shown.size() >= MAX_SHOWN) {
            return;
        }
        String message = DirectoryMessages.of(view, directory);
        if (message == null) {
            return;
        }
        shown.add(directory);
        SessionControl control = SessionControl.of(session);
        if (control != null) {
            control.prependNext(250, message);
        } else {
            session.write(MultiLineReply.leading(250, message));
        }
    }

    /**
     * Before every command of a guest: a message still pending (its CWD failed without an {@code afterCommand},
     * for example by an exception) must not come before another command's {@code 250}, such as MLST's.
     */
    void beforeGuestCommand(FtpSession session) {
        afterChangeDirectory(session);
    }

    /** After CWD or CDUP: a message that found no {@code 250} (the change failed) is not kept for another reply. */
    void afterChangeDirectory(FtpSession session) {
        SessionControl control = SessionControl.of(session);
        if (control != null) {
            control.clearPrefix(250);
        }
    }

    /** The directories whose message this session has shown. */
    private static Set<String> shown(FtpSession session) {
        Object shown = session.getAttribute(ATTRIBUTE);
        if (shown instanceof Set) {
            @SuppressWarnings("unchecked")
            Set<String> directories = (Set<String>) shown;
            return directories;
        }
        Set<String> directories = ConcurrentHashMap.newKeySet();
        session.setAttribute(ATTRIBUTE, directories);
        return directories;
    }
}

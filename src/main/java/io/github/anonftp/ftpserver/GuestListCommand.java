package io.github.anonftp.ftpserver;

import java.io.IOException;
import java.net.SocketException;
import java.util.List;

import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.ftplet.DataConnectionFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.anonftp.anonymous.GuestListing;

/**
 * {@code LIST} (and {@code STAT path}) for guests, run from the ftplet instead of FtpServer's command: the
 * same dialogue and texts ({@code 150}, {@code 226}; {@code 450}, {@code 503}, {@code 425}, {@code 426},
 * {@code 551}), the same line layout, but world-readable modes and a faster formatter ({@link GuestListing}). Works on
 * any listener, through the session's own data connection factory; a wildcard in a directory part gets
 * {@code 501} (FtpServer lets the parser's exception escape and answers a bare {@code 550}). One difference
 * is left: FtpServer's LIST forgets a pending REST offset and RNFR, which an ftplet cannot do (FtpServer
 * refuses to remove its internal session attributes); the next RETR or RNTO still uses them.
 */
final class GuestListCommand {

    private static final Logger LOG = LoggerFactory.getLogger(GuestListCommand.class);

    private GuestListCommand() {
    }

    static FtpletResult run(FtpSession session, String argument, SessionState state) throws FtpException {
        DataConnectionFactory data = session.getDataConnection();
        try {
            ListArgument parsed = ListArgument.parse(argument);
            if (parsed == null) {
                session.write(Replies.listSyntaxError());
                return FtpletResult.SKIP;
            }
            FtpFile directory = session.getFileSystemView().getFile(parsed.path());
            if (directory == null || !directory.doesExist()) {
                session.write(Replies.listNoSuchFile());
                return FtpletResult.SKIP;
            }
            if (!state.hasRequestedDataConnection()) {
                session.write(Replies.portOrPasvFirst());
                return FtpletResult.SKIP;
            }
            session.write(Replies.listOpening());
            DataConnection connection;
            try {
                connection = data.openConnection();
            } catch (Exception e) {
                LOG.debug("Cannot open the data connection for LIST", e);
                session.write(Replies.listCannotOpen());
                return FtpletResult.SKIP;
            }
            String lines = GuestListing.now().format(entries(directory), parsed.hasOption('a'), parsed.names());
            session.write(send(session, connection, lines));
            return FtpletResult.SKIP;
        } finally {
            data.closeDataConnection();
        }
    }

    /**
     * {@code STAT path} for guests: the same lines on the control connection, as FtpServer's STAT sends them
     * ({@code 212} for a directory, {@code 213} for a file, then {@code End of status.}).
     */
    static FtpletResult stat(FtpSession session, String argument) throws FtpException {
        ListArgument parsed = ListArgument.parse(argument);
        if (parsed == null) {
            session.write(Replies.listSyntaxError());
            return FtpletResult.SKIP;
        }
        FtpFile file = session.getFileSystemView().getFile(parsed.path());
        if (file == null || !file.doesExist()) {
            session.write(Replies.listNoSuchFile());
            return FtpletResult.SKIP;
        }
        String lines = GuestListing.now().format(entries(file), parsed.hasOption('a'), parsed.names());
        session.write(Replies.status(file.isDirectory() ? 212 : 213, lines));
        return FtpletResult.SKIP;
    }

    private static List<? extends FtpFile> entries(FtpFile directory) {
        if (directory.isFile()) {
            return List.of(directory);
        }
        List<? extends FtpFile> files = directory.listFiles();
        return files == null ? List.of() : files;
    }

    private static FtpReply send(FtpSession session, DataConnection connection, String lines) {
        try {
            connection.transferToClient(session, lines);
            return Replies.listDone();
        } catch (SocketException e) {
            LOG.debug("Socket exception during list transfer", e);
            return Replies.listConnectionError();
        } catch (IOException e) {
            LOG.debug("IOException during list transfer", e);
            return Replies.listFailed();
        }
    }
}

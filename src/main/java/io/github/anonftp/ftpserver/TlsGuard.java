package io.github.anonftp.ftpserver;

import org.apache.ftpserver.ftplet.DataConnectionFactory;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;

import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.AnonymousTls;

/**
 * {@link AnonymousTls#REQUIRED}: guests log in only on an encrypted control connection (vsftpd
 * {@code force_anon_logins_ssl}) and move data only over protected data connections ({@code PROT P}, vsftpd
 * {@code force_anon_data_ssl}). Real users are not concerned.
 */
final class TlsGuard {

    private final boolean required;

    TlsGuard(AnonymousConfig config) {
        this.required = config.tls() == AnonymousTls.REQUIRED;
    }

    /** The refusal of a guest's USER on a plain control connection, or null. */
    FtpReply refuseLogin(FtpSession session) {
        return required && !session.isSecure() ? Replies.anonymousNeedsTls() : null;
    }

    /** The refusal of a guest's transfer or listing without {@code PROT P}, or null. */
    FtpReply refuseData(FtpSession session, FtpRequest request) {
        if (!required || !usesDataConnection(request.getCommand())) {
            return null;
        }
        DataConnectionFactory data = session.getDataConnection();
        return data != null && data.isSecure() ? null : Replies.dataNeedsProtection();
    }

    private static boolean usesDataConnection(String command) {
        switch (command) {
            case "RETR":
            case "STOR":
            case "STOU":
            case "APPE":
            case "LIST":
            case "NLST":
            case "MLSD":
                return true;
            default:
                return false;
        }
    }
}

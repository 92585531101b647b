package io.github.anonftp.ftpserver;

import java.time.Duration;

import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpReply;

import io.github.anonftp.anonymous.DropBox;
import io.github.anonftp.anonymous.UploadConfig;
import io.github.anonftp.anonymous.UploadRefusal;
import io.github.anonftp.ratelimit.Admission;

/**
 * Every reply text anonftp writes itself, in one place. Replies never contain text the client sent
 * verbatim: paths are the server's resolution of it, made printable and capped.
 */
final class Replies {

    static final String EXAMPLE_ADDRESS = "guest@example.org";

    private Replies() {
    }

    static FtpReply emailRefused(String reason) {
        switch (reason) {
            case "denied":
                return new DefaultFtpReply(530, "This e-mail address is not accepted here; please send another one.");
            case "not-allowed":
                return new DefaultFtpReply(530, "Only registered e-mail addresses are accepted here.");
            default:
                if (reason.startsWith("client-default") || reason.equals("bare-name")) {
                    return new DefaultFtpReply(530, "Please send your own e-mail address as password, not your"
                            + " client's default, for example " + EXAMPLE_ADDRESS + ".");
                }
                return new DefaultFtpReply(530,
                        "Please send your e-mail address as password, for example " + EXAMPLE_ADDRESS + ".");
        }
    }

    /** The continuation line of a guest's {@code 230} in warn mode. */
    static String emailWarning() {
        return "The password you sent is not a valid e-mail address; next time please send yours, for example "
                + EXAMPLE_ADDRESS + ".";
    }

    static FtpReply anonymousOnly() {
        return new DefaultFtpReply(530, "This server is anonymous only.");
    }

    static FtpReply anonymousDisabled() {
        return new DefaultFtpReply(530, "Anonymous login is not allowed.");
    }

    /** vsftpd {@code force_anon_logins_ssl}: the exact text the issue asks for. */
    static FtpReply anonymousNeedsTls() {
        return new DefaultFtpReply(530, "Anonymous sessions must use encryption (AUTH TLS).");
    }

    /** RFC 4217 §9: 521, the data connection cannot be opened with this PROT setting. */
    static FtpReply dataNeedsProtection() {
        return new DefaultFtpReply(521, "Data connections must be encrypted: send PROT P first.");
    }

    static FtpReply tooManyGuests(int max) {
        return new DefaultFtpReply(421, "Too many anonymous users (" + max + "); try again later.");
    }

    static FtpReply tooManyFailures() {
        return new DefaultFtpReply(421, "Too many failed login attempts; closing connection.");
    }

    static FtpReply notReady() {
        return new DefaultFtpReply(421, "Service not ready; try again in a moment.");
    }

    static FtpReply internalError() {
        return new DefaultFtpReply(451, "Requested action aborted: local error in processing.");
    }

    static FtpReply lineTooLong() {
        return new DefaultFtpReply(500, "Command line too long.");
    }

    static FtpReply dropBoxNotListable(String path) {
        return new DefaultFtpReply(550, printable(path) + ": uploads only, the drop box cannot be listed.");
    }

    static FtpReply dropBoxNotReadable(String path) {
        return new DefaultFtpReply(550, printable(path)
                + ": files in the drop box cannot be downloaded or inspected.");
    }

    static FtpReply dropBoxNoOverwrite(String path) {
        return new DefaultFtpReply(550, printable(path)
                + ": a file of this name was already uploaded; choose another name.");
    }

    static FtpReply dropBoxNotChangeable(String path) {
        return new DefaultFtpReply(550, printable(path)
                + ": files in the drop box cannot be appended to, renamed or deleted.");
    }

    static FtpReply dropBoxNoDirectories(String path) {
        return new DefaultFtpReply(550, printable(path)
                + ": directories cannot be created or removed in the drop box.");
    }

    static FtpReply readOnly(String path, String uploadPath) {
        String hint = uploadPath == null ? "" : "; uploads go to " + uploadPath;
        return new DefaultFtpReply(550, printable(path) + ": the archive is read-only for guests" + hint + ".");
    }

    static FtpReply notAFileName(String path, String uploadPath) {
        return new DefaultFtpReply(550, printable(path) + ": not a file name; upload to " + printable(uploadPath)
                + "/NAME.");
    }

    /** The {@code 421} for a refused connection, by reason; written before any greeting. */
    static FtpReply refused(Admission admission) {
        switch (admission.refusal()) {
            case DENIED_NETWORK:
                return new DefaultFtpReply(421, "Connections from your network are not accepted.");
            case SERVER_FULL:
                return new DefaultFtpReply(421, "Too many users are connected (" + admission.limit()
                        + "); try again later.");
            case BANNED:
                return banned(admission.retryAfter());
            case CONNECTION_RATE:
                return new DefaultFtpReply(421, "Too many connections from your address in a short time; try again in "
                        + inWords(admission.retryAfter()) + ".");
            case UNAVAILABLE:
                return new DefaultFtpReply(421, "Service temporarily unavailable; try again later.");
            default:
                return new DefaultFtpReply(421, "Too many connections from your address (" + admission.limit()
                        + "); try again later.");
        }
    }

    static FtpReply banned(Duration remaining) {
        return new DefaultFtpReply(421, "Too many failed logins from your address; try again in "
                + inWords(remaining) + ".");
    }

    /** To the open sessions of a client an operator just banned. */
    static FtpReply bannedByOperator(Duration remaining) {
        return new DefaultFtpReply(421, "Your address is banned; try again in " + inWords(remaining) + ".");
    }

    static FtpReply tooManyCommands() {
        return new DefaultFtpReply(421, "Too many commands; closing connection.");
    }

    static FtpReply loginTimedOut(Duration timeout) {
        return new DefaultFtpReply(421, "No login within " + inWords(timeout) + "; closing connection.");
    }

    static FtpReply waitAfterFailure() {
        return new DefaultFtpReply(530, "Login refused: wait a moment after a failed login before trying again.");
    }

    /** {@code 45 seconds}, {@code 10 minutes}, {@code 2 hours}: rounded up, never "0". */
    static String inWords(Duration duration) {
        long seconds = Math.max(1, (duration.toMillis() + 999) / 1000);
        if (seconds < 120) {
            return plural(seconds, "second");
        }
        long minutes = (seconds + 59) / 60;
        if (minutes < 120) {
            return plural(minutes, "minute");
        }
        return plural((minutes + 59) / 60, "hour");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    static FtpReply controlCharacterInUserName() {
        return new DefaultFtpReply(530, "User names cannot contain control characters.");
    }

    static FtpReply controlCharacterInPath() {
        return new DefaultFtpReply(501, "File names cannot contain control characters.");
    }

    /**
     * The reply to an upload the drop box refused or stopped: 553 for names, 552 for size, total and quotas
     * (RFC 959: exceeded storage allocation), 452 for the free-space floor, 426 for an interrupted transfer.
     */
    static FtpReply uploadRefused(UploadRefusal refusal, String path, String name, DropBox box, Duration retryAfter) {
        UploadConfig uploads = box.uploads();
        switch (refusal) {
            case NAME_PATTERN:
                return new DefaultFtpReply(553, "File name not allowed: "
                        + (uploads.uploadNamePattern().equals(UploadConfig.DEFAULT_NAME_PATTERN)
                        ? "use letters, digits, spaces and ._-+~,=@ only, not starting with . or -."
                        : "it does not match this site's upload name rule."));
            case NAME_DENIED:
                String glob = box.deniedBy(name);
                return new DefaultFtpReply(553, "File name not allowed: names like "
                        + (glob == null ? "this" : printable(glob)) + " are refused here.");
            case NAME_TOO_LONG:
                return new DefaultFtpReply(553, "File name not allowed: longer than "
                        + UploadConfig.MAX_NAME_BYTES + " bytes.");
            case NAME_TAKEN:
                return new DefaultFtpReply(553, printable(path)
                        + ": another upload took this name first; nothing was overwritten, choose another name.");
            case TOO_LARGE:
                return new DefaultFtpReply(552, "Exceeded storage allocation (max " + size(uploads.maxUploadSize())
                        + " per file).");
            case DROP_BOX_FULL:
                return new DefaultFtpReply(552, "Exceeded storage allocation (the drop box is full); try again later.");
            case LOW_SPACE:
                return new DefaultFtpReply(452, "Insufficient storage space; try again later.");
            case QUOTA:
            case FILE_QUOTA:
                return uploadQuotaReached(retryAfter);
            case INCOMPLETE:
                return new DefaultFtpReply(426, "Transfer aborted; "
                        + (uploads.keepPartialUploads() ? "the part was kept aside." : "nothing was kept."));
            default:
                return new DefaultFtpReply(451, "Requested action aborted: local error in processing.");
        }
    }

    static FtpReply uploadQuotaReached(Duration retryAfter) {
        return new DefaultFtpReply(552, "Upload quota for your address reached; try again in "
                + inWords(retryAfter) + ".");
    }

    /** The 226 of an upload stored under another name than asked ({@code anonymous.uploadRename}). */
    static FtpReply storedAs(String storedPath) {
        return new DefaultFtpReply(226, "Transfer complete; stored as " + printable(storedPath) + ".");
    }

    /** {@code 100 MiB}, {@code 1 GiB}, {@code 1500 bytes}: binary units when exact. */
    static String size(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        String text = bytes + " bytes";
        long value = bytes;
        for (String unit : units) {
            if (value < 1024 || value % 1024 != 0) {
                break;
            }
            value /= 1024;
            text = value + " " + unit;
        }
        return text;
    }

    /** C0, DEL, C1 and the Unicode line and paragraph separators: what must never reach a log line raw. */
    static boolean isControl(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }

    static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A path fit for a reply line: control characters as {@code ?}, at most 200 characters. */
    static String printable(String path) {
        StringBuilder out = new StringBuilder(Math.min(path.length(), 201));
        for (int i = 0; i < path.length(); i++) {
            if (out.length() == 200) {
                return out.append("...").toString();
            }
            char c = path.charAt(i);
            out.append(isControl(c) ? '?' : c);
        }
        return out.toString();
    }

    // LIST for guests, with FtpServer's own texts (FtpStatus.properties), which clients and scripts know.

    static FtpReply listNoSuchFile() {
        return new DefaultFtpReply(450, "Non-existing file");
    }

    static FtpReply listSyntaxError() {
        return new DefaultFtpReply(501, "Syntax error in parameters or arguments.");
    }

    static FtpReply portOrPasvFirst() {
        return new DefaultFtpReply(503, "PORT or PASV must be issued first");
    }

    static FtpReply listOpening() {
        return new DefaultFtpReply(150, "File status okay; about to open data connection.");
    }

    static FtpReply listCannotOpen() {
        return new DefaultFtpReply(425, "Can't open data connection.");
    }

    static FtpReply listConnectionError() {
        return new DefaultFtpReply(426, "Data connection error.");
    }

    static FtpReply listFailed() {
        return new DefaultFtpReply(551, "File listing failed.");
    }

    static FtpReply listDone() {
        return new DefaultFtpReply(226, "Closing data connection.");
    }

    /** STAT with a path: FtpServer's form, the listing lines between the code line and "End of status.". */
    static FtpReply status(int code, String lines) {
        return new DefaultFtpReply(code, "\n" + lines + "End of status.");
    }
}

package io.github.anonftp.ftpserver;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

import org.apache.ftpserver.ftplet.DataTransferFtpReply;
import org.apache.ftpserver.ftplet.DataType;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpSession;

import io.github.anonftp.IpText;
import io.github.anonftp.accesslog.AccessEvent;
import io.github.anonftp.accesslog.AccessLog;
import io.github.anonftp.accesslog.Direction;
import io.github.anonftp.accesslog.EventType;
import io.github.anonftp.accesslog.Outcome;
import io.github.anonftp.accesslog.TransferStatus;
import io.github.anonftp.accesslog.Verdict;
import io.github.anonftp.anonymous.UploadRefusal;
import io.github.anonftp.anonymous.UploadReport;
import io.github.anonftp.email.EmailVerdict;
import io.github.anonftp.ratelimit.Ban;
import io.github.anonftp.ratelimit.ClientKey;
import io.github.anonftp.transfer.ChannelDataConnectionFactory;

/**
 * Turns what happens in a session into access-log events. Building an event is a few field copies;
 * privacy, formatting and I/O happen on the access log's own thread. Never throws into a hook.
 */
final class SessionEvents {

    private final AccessLog log;
    private final Clock clock;
    private final boolean logConnects;
    private final FtpletMeters meters;

    SessionEvents(AccessLog log, Clock clock, boolean logConnects, FtpletMeters meters) {
        this.log = log;
        this.clock = clock;
        this.logConnects = logConnects;
        this.meters = meters;
    }

    /** Remembers the session's id and client, which every record repeats. */
    static void identify(FtpSession session, SessionState state) {
        InetSocketAddress client = session.getClientAddress();
        state.identity(String.valueOf(session.getSessionId()), client == null ? "" : IpText.of(client.getAddress()),
                client == null ? 0 : client.getPort());
    }

    private AccessEvent.Builder event(EventType type, SessionState session) {
        return AccessEvent.of(type, clock.instant(), session.sessionId(), session.ip(), session.port());
    }

    void connected(SessionState session) {
        meters.admitted();
        if (logConnects) {
            log.record(event(EventType.CONNECT, session).build());
        }
    }

    void refused(SessionState session, String reason, Duration retryAfter, boolean dryRun) {
        meters.refused(reason, dryRun);
        long seconds = retryAfter == null || retryAfter.isZero() ? 0 : (retryAfter.toMillis() + 999) / 1000;
        log.record(event(EventType.REFUSED, session).reason(reason).retryAfterSeconds(seconds == 0 ? null : seconds)
                .dryRun(dryRun).build());
    }

    /** A guest PASS answered: the e-mail policy's verdict and what the client saw. */
    void guestLogin(SessionState session, Outcome outcome, String user, String email, EmailVerdict verdict, int reply) {
        AccessEvent.Builder login = event(EventType.LOGIN, session).outcome(outcome).user(user).account("anonymous")
                .email(email).reply(reply).tls(session.secure());
        if (verdict != null) {
            login.verdict(kind(verdict.kind())).reason(verdict.reason());
        }
        meters.login(outcome, verdict == null ? null : verdict.kind().token(), verdict == null ? null : verdict.reason());
        log.record(login.build());
    }

    private static Verdict kind(EmailVerdict.Kind kind) {
        return switch (kind) {
            case ACCEPT -> Verdict.ACCEPT;
            case PLACEHOLDER -> Verdict.PLACEHOLDER;
            case REJECT -> Verdict.REJECT;
        };
    }

    /** A login refused before any password: a real name on an anonymous-only server, disabled guests. */
    void loginRefused(SessionState session, String user, String reason, int reply) {
        meters.login(Outcome.REFUSED, null, reason);
        log.record(event(EventType.LOGIN, session).outcome(Outcome.REFUSED).user(user).reason(reason)
                .reply(reply).tls(session.secure()).build());
    }

    /** A real user's PASS answered; their password is never recorded. */
    void userLogin(SessionState session, Outcome outcome, String user, String account, int reply) {
        meters.login(outcome, null, "user");
        log.record(event(EventType.LOGIN, session).outcome(outcome).user(user).account(account).reply(reply)
                .tls(session.secure()).build());
    }

    /** A transfer ended; {@code upload} says what became of a guest's upload to the drop box (else null). */
    void transfer(FtpSession ftp, SessionState session, String command, FtpReply reply, long durationNanos,
            UploadReport upload) {
        boolean isUpload = !command.equals("RETR");
        long bytes = upload != null ? upload.bytes()
                : reply instanceof DataTransferFtpReply ? ((DataTransferFtpReply) reply).getBytesTransferred() : 0;
        String path = reply instanceof DataTransferFtpReply && ((DataTransferFtpReply) reply).getFile() != null
                ? ((DataTransferFtpReply) reply).getFile().getAbsolutePath() : null;
        TransferStatus status = reply.getCode() == 226 || reply.getCode() == 250 ? TransferStatus.COMPLETE
                : reply.getCode() == 426 ? TransferStatus.INCOMPLETE : TransferStatus.FAILED;
        Object moved = ftp.getAttribute(ChannelDataConnectionFactory.TRANSFERRED_ATTRIBUTE);
        if (bytes == 0 && status != TransferStatus.COMPLETE && moved instanceof Long) {
            bytes = (Long) moved; // what anonftp's data connection moved before the failure
        }
        ftp.removeAttribute(ChannelDataConnectionFactory.TRANSFERRED_ATTRIBUTE);
        if (upload != null && !upload.completed()) {
            status = upload.refusal() == UploadRefusal.INCOMPLETE || reply.getCode() == 426
                    ? TransferStatus.INCOMPLETE : TransferStatus.FAILED;
        }
        session.transferred(isUpload, bytes, status == TransferStatus.COMPLETE);
        meters.transfer(isUpload, status.token(), bytes);
        log.record(event(EventType.TRANSFER, session).direction(isUpload ? Direction.UPLOAD : Direction.DOWNLOAD)
                .path(path).bytes(bytes).durationMs(durationNanos / 1_000_000)
                .transferType(ftp.getDataType() == DataType.ASCII ? "a" : "b").status(status)
                .account(session.account()).email(session.email()).tls(session.secure())
                .stored(upload == null ? null : upload.storedPath()).kept(upload == null ? null : upload.kept())
                .build());
    }

    void denied(SessionState session, String command, String path, int reply) {
        denied(session, command, path, reply, null);
    }

    /** A refused command; {@code reason} (may be null) says why, for drop-box uploads. */
    void denied(SessionState session, String command, String path, int reply, String reason) {
        meters.denied(command, reason);
        log.record(event(EventType.DENIED, session).command(command).path(path).reply(reply).reason(reason).build());
    }

    void banned(SessionState session, Ban ban) {
        log.record(event(EventType.BAN, session).key(ban.key().toString()).until(ban.until()).strike(ban.strike())
                .reason("login-failures").by("limiter").build());
    }

    /** A ban an operator made (JMX): no session of its own; the key says whom. */
    void operatorBan(Ban ban) {
        log.record(AccessEvent.of(EventType.BAN, clock.instant(), "", "", 0).key(ban.key().toString())
                .until(ban.until()).strike(ban.strike()).reason("operator").by("operator").build());
    }

    /** A ban an operator lifted. */
    void operatorUnban(ClientKey key) {
        log.record(AccessEvent.of(EventType.UNBAN, clock.instant(), "", "", 0).key(key.toString()).by("operator")
                .build());
    }

    void loggedOut(FtpSession ftp, SessionState session) {
        if (session.account() == null || !session.markLoggedOutRecorded()) {
            return;
        }
        long duration = Math.max(0, clock.millis() - ftp.getConnectionTime().getTime());
        log.record(event(EventType.LOGOUT, session).durationMs(duration).bytesIn(session.bytesIn())
                .bytesOut(session.bytesOut()).filesIn(session.filesIn()).filesOut(session.filesOut())
                .account(session.account()).email(session.email()).tls(session.secure()).build());
    }
}

package io.github.anonftp.ftpserver;

import java.time.Duration;
import java.util.function.UnaryOperator;

import org.apache.ftpserver.ftplet.DataTransferFtpReply;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpSession;

import io.github.anonftp.anonymous.AnonymousFileSystemFactory;
import io.github.anonftp.anonymous.DropBox;
import io.github.anonftp.anonymous.UploadRefusal;
import io.github.anonftp.anonymous.UploadReport;
import io.github.anonftp.anonymous.UploadSession;
import io.github.anonftp.ratelimit.ClientKey;
import io.github.anonftp.ratelimit.Lease;
import io.github.anonftp.ratelimit.RateLimiter;
import io.github.anonftp.ratelimit.Refusal;
import io.github.anonftp.ratelimit.UploadAllowance;

/**
 * The drop box's half of {@link AnonFtplet}: binds each guest session's {@link UploadSession} (quotas from the
 * rate limiter by client key, ABOR from the session, the client as the access log shows it), refuses an upload
 * whose quota is spent before FtpServer opens its data connection, gives a stopped upload its true reply (with
 * anonftp's listener: FtpServer answers every failed stream {@code 551}), and records how each upload ended.
 */
final class GuestUploads {

    private final RateLimiter limiter;
    private final UnaryOperator<String> ipText;
    private final UnaryOperator<String> emailText;
    private final DropBox box;

    GuestUploads(RateLimiter limiter, UnaryOperator<String> ipText, UnaryOperator<String> emailText, DropBox box) {
        this.limiter = limiter;
        this.ipText = ipText;
        this.emailText = emailText;
        this.box = box;
    }

    DropBox dropBox() {
        return box;
    }

    /** After a guest logged in: its uploads are counted for its client key and see its ABORs. */
    void loggedIn(FtpSession session, SessionState state) {
        Lease lease = state.lease();
        ClientKey key = lease == null || lease.isExempt() || limiter.config().dryRun()
                || !limiter.config().hasUploadQuotas() ? null : lease.key();
        String email = emailText.apply(state.email());
        AnonymousFileSystemFactory.bind(session.getFileSystemView(), new ClientUploads(key,
                SessionControl.of(session), ipText.apply(state.ip()), email == null ? "" : email));
    }

    /** The refusal of an upload whose client has spent a quota, before any data connection; else null. */
    DropBoxGuard.Denial quotaRefusal(FtpSession session, SessionState state, String path) {
        Lease lease = state.lease();
        if (lease == null || lease.isExempt() || limiter.config().dryRun() || !limiter.config().hasUploadQuotas()) {
            return null;
        }
        UploadAllowance allowance = limiter.uploadAllowance(lease.key());
        if (allowance.isAllowed()) {
            return null;
        }
        UploadRefusal refusal = allowance.refusal() == Refusal.UPLOAD_FILES ? UploadRefusal.FILE_QUOTA
                : UploadRefusal.QUOTA;
        return new DropBoxGuard.Denial(Replies.uploadQuotaReached(allowance.retryAfter()), path, refusal.token());
    }

    /** A guest STOR or STOU is about to run: an ABOR during it aborts it at once. */
    void starting(FtpSession session) {
        SessionControl control = SessionControl.of(session);
        if (control != null) {
            control.uploadStarted(session.getDataConnection());
        }
    }

    /** After the STOR or STOU: ends the upload (one whose transfer failed is removed) and reports it, or null. */
    UploadReport finished(FtpSession session, FtpReply reply) {
        SessionControl control = SessionControl.of(session);
        if (control != null) {
            control.uploadEnded();
        }
        if (!(reply instanceof DataTransferFtpReply)) {
            return null;
        }
        return AnonymousFileSystemFactory.finishUpload(((DataTransferFtpReply) reply).getFile());
    }

    /** The code the client was sent for an upload that ended as {@code report} says. */
    int replyCode(FtpSession session, FtpReply reply, UploadReport report) {
        if (SessionControl.of(session) == null || report.refusal() == null) {
            return reply.getCode();
        }
        FtpFile file = ((DataTransferFtpReply) reply).getFile();
        return Replies.uploadRefused(report.refusal(), file.getAbsolutePath(), file.getName(), box,
                report.retryAfter()).getCode();
    }

    /** The reply to send instead of a guest upload's final one: its refusal, or where it was stored; else null. */
    FtpReply rewrite(FtpReply reply) {
        if (!(reply instanceof DataTransferFtpReply) || reply.getCode() < 200) {
            return null;
        }
        FtpFile file = ((DataTransferFtpReply) reply).getFile();
        UploadReport report = AnonymousFileSystemFactory.uploadReport(file);
        if (report == null) {
            return null;
        }
        if (report.refusal() != null) {
            return Replies.uploadRefused(report.refusal(), file.getAbsolutePath(), file.getName(), box,
                    report.retryAfter());
        }
        if (reply.getCode() == 226 && report.completed() && !report.storedPath().equals(file.getAbsolutePath())) {
            return Replies.storedAs(report.storedPath());
        }
        if (reply.getCode() >= 400 && !report.completed()) {
            // the transfer failed (a reset, a read error): the part is removed once the command ends
            return Replies.uploadRefused(UploadRefusal.INCOMPLETE, file.getAbsolutePath(), file.getName(), box,
                    Duration.ZERO);
        }
        return null;
    }

    /** One guest session's {@link UploadSession}. */
    private final class ClientUploads implements UploadSession {
        private final ClientKey key;
        private final SessionControl control;
        private final String client;
        private final String email;

        ClientUploads(ClientKey key, SessionControl control, String client, String email) {
            this.key = key;
            this.control = control;
            this.client = client;
            this.email = email;
        }

        @Override
        public UploadRefusal startUpload() {
            if (key == null) {
                return null;
            }
            UploadAllowance allowance = limiter.startUpload(key);
            if (allowance.isAllowed()) {
                return null;
            }
            return allowance.refusal() == Refusal.UPLOAD_FILES ? UploadRefusal.FILE_QUOTA : UploadRefusal.QUOTA;
        }

        @Override
        public long claimBytes(long bytes) {
            return key == null ? bytes : limiter.claimUploadBytes(key, bytes);
        }

        @Override
        public void giveBack(long bytes, boolean file) {
            if (key != null) {
                limiter.returnUpload(key, bytes, file);
            }
        }

        @Override
        public Duration retryAfter() {
            return key == null ? Duration.ZERO : limiter.uploadAllowance(key).retryAfter();
        }

        @Override
        public long aborts() {
            return control == null ? 0 : control.aborts();
        }

        @Override
        public String client() {
            return client;
        }

        @Override
        public String email() {
            return email;
        }
    }

}

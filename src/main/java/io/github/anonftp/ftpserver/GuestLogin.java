package io.github.anonftp.ftpserver;

import java.util.ArrayList;
import java.util.List;

import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;

import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.AnonymousUserManager;
import io.github.anonftp.accesslog.Outcome;
import io.github.anonftp.anonymous.GuestUser;
import io.github.anonftp.email.EmailPolicy;
import io.github.anonftp.email.EmailPolicyConfig;
import io.github.anonftp.email.EmailVerdict;
import io.github.anonftp.email.LoginAction;

/** The USER/PASS half of {@link AnonFtplet}: guest names, the e-mail policy, guest slots, failure counting. */
final class GuestLogin {

    private final AnonymousUserManager users;
    private final AnonymousConfig config;
    private final EmailPolicy policy;
    private final EmailPolicyConfig emailConfig;
    private final ClientLimits limits;
    private final SessionEvents events;
    private final GuestSlots slots;
    private final TlsGuard tls;

    GuestLogin(AnonymousUserManager users, EmailPolicy policy, EmailPolicyConfig emailConfig, ClientLimits limits,
            SessionEvents events) {
        this.users = users;
        this.config = users.config();
        this.policy = policy;
        this.emailConfig = emailConfig;
        this.limits = limits;
        this.events = events;
        this.slots = new GuestSlots(config.maxSessions());
        this.tls = new TlsGuard(config);
    }

    FtpletResult beforeUser(FtpSession session, FtpRequest request, SessionState state) throws FtpException {
        SessionControl control = SessionControl.of(session);
        if (control != null) {
            control.clearRewrites();
        }
        String name = argument(session, request);
        state.guestLoginPending(false);
        if (name == null) {
            return FtpletResult.DEFAULT;
        }
        if (Replies.hasControlCharacter(name)) {
            // FtpServer would put the name raw into its log lines (MDC userName, "Login failure - ...").
            session.write(Replies.controlCharacterInUserName());
            events.loginRefused(state, name, "control-character", 530);
            return failed(session, state) ? FtpletResult.DISCONNECT : FtpletResult.SKIP;
        }
        if (users.isGuestName(name)) {
            if (!config.enabled()) {
                session.write(Replies.anonymousDisabled());
                events.loginRefused(state, name, "anonymous-disabled", 530);
                return failed(session, state) ? FtpletResult.DISCONNECT : FtpletResult.SKIP;
            }
            FtpReply needsTls = tls.refuseLogin(session);
            if (needsTls != null) {
                // Not a failed login: the client may send AUTH TLS and try again on this connection.
                session.write(needsTls);
                events.loginRefused(state, name, "tls-required", needsTls.getCode());
                return FtpletResult.SKIP;
            }
            if (slots.isFull()) {
                session.write(Replies.tooManyGuests(slots.max()));
                events.refused(state, "anonymous-cap", null, false);
                return FtpletResult.DISCONNECT;
            }
            state.guestLoginPending(true);
            if (control != null) {
                control.rewriteNext(331, config.passwordPrompt());
            }
            return FtpletResult.DEFAULT;
        }
        if (users.isAnonymousOnly()) {
            session.write(Replies.anonymousOnly());
            events.loginRefused(state, name, "anonymous-only", 530);
            return failed(session, state) ? FtpletResult.DISCONNECT : FtpletResult.SKIP;
        }
        return FtpletResult.DEFAULT;
    }

    FtpletResult beforePass(FtpSession session, FtpRequest request, SessionState state) throws FtpException {
        String user = session.getUserArgument();
        if (!users.isGuestName(user)) {
            state.pendingLogin(user, null, false); // a real user's password is never kept
            return FtpletResult.DEFAULT;
        }
        String password = argument(session, request);
        EmailVerdict verdict = password != null && password.indexOf('\uFFFD') >= 0
                ? new EmailVerdict(EmailVerdict.Kind.REJECT, "invalid-utf8", "") // bytes that were not UTF-8
                : policy.check(password == null ? "" : password);
        state.emailVerdict(verdict);
        LoginAction action = emailConfig.actionFor(verdict);
        if (action == LoginAction.REFUSE) {
            session.write(Replies.emailRefused(verdict.reason()));
            events.guestLogin(state, Outcome.REFUSED, user, password, verdict, 530);
            return failed(session, state) ? FtpletResult.DISCONNECT : FtpletResult.SKIP;
        }
        if (state.holdGuestSlot() && !slots.tryAcquire()) {
            state.releaseGuestSlot();
            session.write(Replies.tooManyGuests(slots.max()));
            events.refused(state, "anonymous-cap", null, false);
            return FtpletResult.DISCONNECT;
        }
        state.pendingLogin(user, password, action == LoginAction.WARN);
        state.guestLoginPending(true);
        SessionControl control = SessionControl.of(session);
        if (control != null) {
            control.rewriteNext(230, loginText(action));
        }
        return FtpletResult.DEFAULT;
    }

    private static String argument(FtpSession session, FtpRequest request) {
        SessionControl control = SessionControl.of(session);
        return control == null ? request.getArgument() : control.rawArgument(request);
    }

    private String loginText(LoginAction action) {
        List<String> lines = new ArrayList<>();
        if (!config.loginMessage().isEmpty()) {
            lines.add(config.loginMessage());
        }
        if (action == LoginAction.WARN) {
            lines.add(Replies.emailWarning());
        }
        lines.add(config.loginReply());
        return String.join("\n", lines);
    }

    FtpletResult afterPass(FtpSession session, FtpReply reply, SessionState state) throws FtpException {
        SessionControl control = SessionControl.of(session);
        if (control != null) {
            control.clearRewrites();
        }
        boolean guest = state.guestLoginPending();
        state.guestLoginPending(false);
        if (reply.getCode() == 202) {
            loggedOut(state); // the second-PASS quirk: FtpServer logged the user out
            return FtpletResult.DEFAULT;
        }
        if (reply.getCode() == 230 && session.getUser() != null) {
            state.loggedIn(true);
            if (session.getUser() instanceof GuestUser) {
                state.loggedInAs(session.getUser().getName(), state.pendingPassword());
                events.guestLogin(state, state.pendingWarned() ? Outcome.WARNED : Outcome.OK, state.pendingUser(),
                        state.pendingPassword(), state.emailVerdict(), 230);
            } else {
                releaseGuestSlot(state);
                state.loggedInAs(session.getUser().getName(), null);
                events.userLogin(state, Outcome.OK, state.pendingUser(), session.getUser().getName(), 230);
            }
            return FtpletResult.DEFAULT;
        }
        if (guest) {
            loggedOut(state);
            events.guestLogin(state, Outcome.FAILED, state.pendingUser(), state.pendingPassword(), state.emailVerdict(),
                    reply.getCode());
        } else if (state.pendingUser() != null) {
            events.userLogin(state, Outcome.FAILED, state.pendingUser(), null, reply.getCode());
        }
        if (reply.getCode() == 530) {
            return failed(session, state) ? FtpletResult.DISCONNECT : FtpletResult.DEFAULT;
        }
        return FtpletResult.DEFAULT;
    }

    /** Counts a failed login; true (and the {@code 421} written) when the connection must close. */
    private boolean failed(FtpSession session, SessionState state) throws FtpException {
        return limits.loginFailed(session, state);
    }

    void loggedOut(SessionState state) {
        state.loggedIn(false);
        releaseGuestSlot(state);
    }

    private void releaseGuestSlot(SessionState state) {
        if (state.releaseGuestSlot()) {
            slots.release();
        }
    }
}

package io.github.anonftp.ftpserver;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.apache.ftpserver.ftplet.DataTransferFtpReply;
import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.ftplet.FtpletContext;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.anonftp.Settings;
import io.github.anonftp.accesslog.AccessLog;
import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.accesslog.IpPrivacy;
import io.github.anonftp.accesslog.Privacy;
import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.AnonymousFileSystemFactory;
import io.github.anonftp.anonymous.AnonymousUserManager;
import io.github.anonftp.anonymous.GuestUser;
import io.github.anonftp.anonymous.UploadReport;
import io.github.anonftp.email.EmailPolicy;
import io.github.anonftp.email.EmailPolicyConfig;
import io.github.anonftp.metrics.AnonFtpMetrics;
import io.github.anonftp.metrics.MetricsMBean;
import io.github.anonftp.ratelimit.InMemoryRateLimiter;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.RateLimiter;

/**
 * anonftp's ftplet: the e-mail password policy, the guest session cap, the per-connection failure cap
 * and the drop-box rules. Put it first in the server's ftplets, with an {@link AnonymousUserManager} as the
 * user manager and an {@link AnonymousFileSystemFactory} as the file system.
 *
 * <p>Why an ftplet: FtpServer never gives the anonymous password to the user manager, so the policy must
 * see {@code PASS} here. A refused password is answered here ({@code 530} and {@code SKIP}, which keeps
 * the USER argument, so the client may simply send another PASS) and counted; after
 * {@link RateLimitConfig#maxFailuresPerConnection()} failed logins, real users' wrong passwords included,
 * the server replies {@code 421} and closes, as RFC 2577 §5 asks. FtpServer's own failure counter and
 * delay should be off ({@code max-login-failures="0"}, {@code login-failure-delay="0"}): its delay sleeps
 * a shared worker thread. Thread-safe: one instance serves all sessions.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1635">RFC 1635</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2577">RFC 2577</a>
 */
public final class AnonFtplet implements Ftplet {

    private static final Logger LOG = LoggerFactory.getLogger(AnonFtplet.class);

    private final EmailPolicy policy;
    private final EmailPolicyConfig emailConfig;
    private final RateLimiter limiter;
    private final Timers timers = new Timers();
    private final SessionEvents events;
    private final ClientLimits limits;
    private final AccessLog ownedAccessLog;
    private final UnaryOperator<String> logIp;
    private volatile GuestLogin login;
    private volatile DropBoxGuard dropBox;
    private volatile GuestUploads uploads;
    private volatile AnonymousUserManager users;
    private final Privacy privacy;
    private volatile Messages messages;
    private volatile TlsGuard tls;
    private final AtomicInteger openSessions = new AtomicInteger();
    private final AnonFtpMetrics metrics;
    private final String jmxName;
    private volatile ObjectName registeredName;
    private volatile ObjectName bansName;

    /** The standard policy, an in-memory rate limiter and no access log. */
    public AnonFtplet(EmailPolicyConfig emailConfig, RateLimitConfig limits) {
        this(builder().emailPolicy(emailConfig).rateLimiter(new InMemoryRateLimiter(limits)));
    }

    private AnonFtplet(Builder builder) {
        this.emailConfig = builder.emailConfig;
        this.policy = builder.policy != null ? builder.policy : EmailPolicy.of(builder.emailConfig);
        this.limiter = builder.limiter != null ? builder.limiter
                : new InMemoryRateLimiter(RateLimitConfig.builder().build());
        this.metrics = new AnonFtpMetrics();
        FtpletMeters meters = new FtpletMeters(metrics);
        this.events = new SessionEvents(builder.accessLog, builder.clock, builder.logConnects, meters);
        this.ownedAccessLog = builder.closesAccessLog ? builder.accessLog : null;
        this.logIp = builder.logIp;
        this.privacy = builder.privacy;
        this.limits = new ClientLimits(limiter, timers, events, builder.logKey);
        this.jmxName = builder.jmxName;
        meters.observe(openSessions::get, () -> {
            GuestLogin current = login;
            return current == null ? 0 : current.guestsLoggedIn();
        }, limiter, builder.accessLog);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The rate limiter, for its statistics. */
    public RateLimiter limiter() {
        return limiter;
    }

    /**
     * The meters of this ftplet (see docs/operations.md), for an exporter; other components may add theirs. Also
     * registered as the JMX MBean {@code io.github.anonftp:type=Metrics,name=<jmxName>} from {@link #init} to
     * {@link #destroy}.
     */
    public AnonFtpMetrics metrics() {
        return metrics;
    }

    /** The JMX name of the bans MBean ({@link BansMBean}) while the ftplet runs, else null. */
    public ObjectName jmxBansName() {
        return bansName;
    }

    /** The JMX name of the metrics MBean while the ftplet runs; null before {@link #init}, after, or with JMX off. */
    public ObjectName jmxObjectName() {
        return registeredName;
    }

    /** Connections whose {@code onConnect} ran and whose {@code onDisconnect} has not yet. */
    public int openSessions() {
        return openSessions.get();
    }

    @Override
    public void init(FtpletContext context) throws FtpException {
        if (!(context.getUserManager() instanceof AnonymousUserManager)) {
            throw new FtpServerConfigurationException("userManager: " + describe(context.getUserManager())
                    + " is not valid with AnonFtplet; expected an io.github.anonftp.anonymous.AnonymousUserManager"
                    + " (it wraps the site's own user manager)");
        }
        AnonymousUserManager users = (AnonymousUserManager) context.getUserManager();
        AnonymousConfig config = users.config();
        FileSystemFactory files = context.getFileSystemManager();
        if (!(files instanceof AnonymousFileSystemFactory)) {
            if (config.hasDropBox()) {
                throw new FtpServerConfigurationException("fileSystem: " + describe(files)
                        + " is not valid with an upload drop box; expected an"
                        + " io.github.anonftp.anonymous.AnonymousFileSystemFactory (else the drop box is readable)");
            }
            LOG.warn("The file system is {}, not AnonymousFileSystemFactory: guests may follow symbolic links"
                    + " out of their home", describe(files));
        }
        dropBox = new DropBoxGuard(config, users.dropBox());
        messages = new Messages(config);
        tls = new TlsGuard(config);
        uploads = new GuestUploads(limiter, privacy == null ? ip -> ip : privacy::ipText,
                privacy == null ? email -> email : privacy::address, users.dropBox());
        this.users = users;
        login = new GuestLogin(users, policy, emailConfig, limits, events);
        registerMBean();
        LOG.info("anonftp ready: {}, {}, {}, {}", users, archive(config), emailConfig, limiter.config());
    }

    /** The archive-parity settings for the start-up line. */
    private static String archive(AnonymousConfig config) {
        return "archive[" + config.fileRules() + ", dirMessage="
                + (config.hasDirMessage() ? config.dirMessage() : "off") + ", banner="
                + (config.hasBanner() ? "own" : "FtpServer's") + ", tls=" + config.tls() + "]";
    }

    private void registerMBean() {
        if (jmxName == null) {
            return;
        }
        try {
            registeredName = MetricsMBean.register(new MetricsMBean(metrics), "Metrics", jmxName);
            String name = ObjectName.unquote(registeredName.getKeyProperty("name"));
            bansName = MetricsMBean.register(new StandardMBean(new Bans(limits), BansMBean.class), "Bans", name);
        } catch (JMException | RuntimeException e) {
            LOG.warn("anonftp could not register its MBeans {}; serving without them", jmxName, e);
        }
    }

    private static String describe(Object component) {
        return component == null ? "none" : component.getClass().getName();
    }

    @Override
    public void destroy() {
        timers.close();
        AnonymousUserManager current = users;
        if (current != null) {
            current.close(); // the drop box's upload hooks
        }
        MetricsMBean.unregister(registeredName);
        MetricsMBean.unregister(bansName);
        registeredName = null;
        bansName = null;
        if (ownedAccessLog != null) {
            ownedAccessLog.close(); // writes out what is queued: nothing else closes it under bin/ftpd.sh
        }
    }

    @Override
    public FtpletResult onConnect(FtpSession session) throws FtpException {
        openSessions.incrementAndGet();
        SessionState state = new SessionState();
        session.setAttribute(SessionState.ATTRIBUTE, state);
        try {
            SessionEvents.identify(session, state);
            SessionControl control = SessionControl.of(session);
            if (logIp != null && control != null) {
                control.showInLogsAs(logIp.apply(state.ip()));
            }
            if (control != null) {
                control.uploads(uploads);
            }
            FtpletResult admitted = limits.connected(session, state);
            Messages current = messages;
            if (admitted == FtpletResult.DEFAULT && current != null) {
                current.greet(session);
            }
            return admitted;
        } catch (RuntimeException e) {
            LOG.warn("anonftp failed to admit a connection; it was refused", e);
            session.write(Replies.notReady());
            return FtpletResult.DISCONNECT;
        }
    }

    @Override
    public FtpletResult onDisconnect(FtpSession session) {
        openSessions.decrementAndGet();
        SessionState state = SessionState.of(session);
        limits.disconnected(state);
        GuestLogin current = login;
        if (current != null) {
            current.loggedOut(state);
        }
        try {
            events.loggedOut(session, state);
        } catch (RuntimeException e) {
            LOG.warn("anonftp could not record a logout", e);
        }
        return FtpletResult.DEFAULT;
    }

    @Override
    public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
        try {
            return before(session, request);
        } catch (RuntimeException e) {
            return failedInternally(session, request, e);
        }
    }

    private FtpletResult before(FtpSession session, FtpRequest request) throws FtpException {
        GuestLogin current = login;
        if (current == null) {
            // FtpServer starts listeners before ftplets: a command can arrive before init() ran.
            session.write(Replies.notReady());
            return FtpletResult.DISCONNECT;
        }
        SessionState state = SessionState.of(session);
        state.secure(session.isSecure());
        FtpletResult limited = limits.beforeCommand(session, state);
        if (limited != FtpletResult.DEFAULT) {
            return limited;
        }
        if (session.getUser() == null) {
            switch (request.getCommand()) {
                case "USER":
                    limited = limits.beforeLogin(session, request, state);
                    return limited != null ? limited : current.beforeUser(session, request, state);
                case "PASS":
                    limited = limits.beforeLogin(session, request, state);
                    return limited != null ? limited : current.beforePass(session, request, state);
                default:
                    return FtpletResult.DEFAULT;
            }
        }
        if (request.getCommand().equals("USER")) {
            return current.beforeUserWhileLoggedIn(session, request, state);
        }
        if (session.getUser() instanceof GuestUser) {
            messages.beforeGuestCommand(session);
            DropBoxGuard.Denial denial = dropBox.refusal(session, request);
            if (denial == null && isUpload(request.getCommand()) && users.dropBox() != null) {
                denial = uploads.quotaRefusal(session, state, session.getFileSystemView()
                        .getFile(request.getArgument() == null ? "." : request.getArgument()).getAbsolutePath());
            }
            if (denial != null) {
                session.write(denial.reply());
                events.denied(state, request.getCommand(), denial.path(), denial.reply().getCode(), denial.reason());
                return FtpletResult.SKIP;
            }
            FtpReply needsProtection = tls.refuseData(session, request);
            if (needsProtection != null) {
                session.write(needsProtection);
                events.denied(state, request.getCommand(), request.getArgument(), needsProtection.getCode());
                return FtpletResult.SKIP;
            }
            if (request.getCommand().equals("CWD") || request.getCommand().equals("CDUP")) {
                messages.beforeChangeDirectory(session, request);
            }
            if (isUpload(request.getCommand())) {
                uploads.starting(session);
            }
            if (request.getCommand().equals("LIST")) {
                return GuestListCommand.run(session, request.getArgument(), state);
            }
            if (request.getCommand().equals("STAT") && request.getArgument() != null) {
                return GuestListCommand.stat(session, request.getArgument());
            }
        }
        if (isTransfer(request.getCommand())) {
            state.transferStarted();
        }
        return FtpletResult.DEFAULT;
    }

    private static boolean isUpload(String command) {
        return command.equals("STOR") || command.equals("STOU");
    }

    private static boolean isTransfer(String command) {
        switch (command) {
            case "RETR":
            case "STOR":
            case "STOU":
            case "APPE":
                return true;
            default:
                return false;
        }
    }

    @Override
    public FtpletResult afterCommand(FtpSession session, FtpRequest request, FtpReply reply)
            throws FtpException, IOException {
        try {
            return after(session, request, reply);
        } catch (RuntimeException e) {
            LOG.warn("anonftp failed after {}", Replies.printable(request.getCommand()), e);
            return FtpletResult.DEFAULT;
        }
    }

    /** A bug must not cost the client its reply: FtpServer would close the connection without one. */
    private static FtpletResult failedInternally(FtpSession session, FtpRequest request, RuntimeException e)
            throws FtpException {
        LOG.warn("anonftp failed on {}; the command was refused", Replies.printable(request.getCommand()), e);
        session.write(Replies.internalError());
        return FtpletResult.SKIP;
    }

    private FtpletResult after(FtpSession session, FtpRequest request, FtpReply reply) throws FtpException {
        GuestLogin current = login;
        if (current == null) {
            return FtpletResult.DEFAULT;
        }
        SessionState state = SessionState.of(session);
        switch (request.getCommand()) {
            case "PASS":
                FtpletResult result = current.afterPass(session, reply, state);
                if (reply.getCode() == 230 && session.getUser() instanceof GuestUser) {
                    uploads.loggedIn(session, state);
                }
                return result;
            case "REIN":
                current.loggedOut(state);
                limits.loginEnded(session, state);
                return FtpletResult.DEFAULT;
            case "PASV":
            case "EPSV":
            case "PORT":
            case "EPRT":
                if (reply.getCode() >= 200 && reply.getCode() < 300) {
                    state.dataConnectionRequested();
                }
                return FtpletResult.DEFAULT;
            case "CWD":
            case "CDUP":
                messages.afterChangeDirectory(session);
                return FtpletResult.DEFAULT;
            default:
                if (isTransfer(request.getCommand()) && session.getUser() != null) {
                    recordTransfer(session, request, reply, state);
                }
                return FtpletResult.DEFAULT;
        }
    }

    private void recordTransfer(FtpSession session, FtpRequest request, FtpReply reply, SessionState state) {
        UploadReport report = session.getUser() instanceof GuestUser && isUpload(request.getCommand())
                ? uploads.finished(session, reply) : null;
        if (report != null && report.refusal() != null) {
            events.denied(state, request.getCommand(), ((DataTransferFtpReply) reply).getFile().getAbsolutePath(),
                    uploads.replyCode(session, reply, report), report.refusal().token());
        }
        events.transfer(session, state, request.getCommand(), reply, state.transferNanos(), report);
    }

    /**
     * Builds an {@link AnonFtplet}. Defaults: the standard e-mail policy on its default configuration, an
     * in-memory rate limiter on the default limits, no access log, the system clock.
     */
    public static final class Builder {
        private EmailPolicyConfig emailConfig = EmailPolicyConfig.builder().build();
        private EmailPolicy policy;
        private RateLimiter limiter;
        private AccessLog accessLog = AccessLog.disabled();
        private boolean logConnects;
        private boolean closesAccessLog;
        private UnaryOperator<String> logIp;
        private Privacy privacy;
        private UnaryOperator<String> logKey = UnaryOperator.identity();
        private Clock clock = Clock.systemUTC();
        private String jmxName = "anonftp";

        private Builder() {
        }

        /**
         * The {@code name} of the metrics MBean, {@code io.github.anonftp:type=Metrics,name=<name>} (default
         * {@code anonftp}; when taken by another server in the JVM, {@code anonftp-2} and so on); null for no MBean.
         */
        public Builder jmxName(String value) {
            jmxName = value == null ? null : Settings.checkText("jmxName", value);
            return this;
        }

        /** The e-mail policy's settings; they also decide what any policy's verdicts lead to. */
        public Builder emailPolicy(EmailPolicyConfig value) {
            emailConfig = Settings.required("emailPolicy", value);
            return this;
        }

        /** A site's own e-mail policy instead of the standard one. */
        public Builder emailPolicy(EmailPolicy value) {
            policy = Settings.required("emailPolicy", value);
            return this;
        }

        /** The rate limiter; one per server (a shared one keeps its state in a common store). */
        public Builder rateLimiter(RateLimiter value) {
            limiter = Settings.required("rateLimiter", value);
            return this;
        }

        /**
         * Where access-log records go (the caller closes it after the server stopped, unless
         * {@link #closesAccessLog}), with the settings it was made from: whether connects are recorded, and the
         * IP privacy that FtpServer's own log context ({@code %X{remoteIp}}, with anonftp's listener), the
         * protocol log's PORT and EPRT arguments and anonftp's own log lines about clients then follow too.
         */
        public Builder accessLog(AccessLog log, AccessLogConfig config) {
            accessLog = Settings.required("accessLog", log);
            logConnects = config.logConnects();
            Privacy privacy = Privacy.of(config);
            logIp = config.ipPrivacy() == IpPrivacy.FULL ? null : privacy::ipText;
            logKey = config.ipPrivacy() == IpPrivacy.FULL ? UnaryOperator.identity() : privacy::clientKey;
            this.privacy = privacy;
            return this;
        }

        /**
         * Whether the ftplet closes its access log when FtpServer destroys it (default false: the caller
         * closes it). FtpServer's {@code bin/ftpd.sh} never closes the Spring context, so XML users need this.
         */
        public Builder closesAccessLog(boolean value) {
            closesAccessLog = value;
            return this;
        }

        /** The clock of access-log time stamps. */
        public Builder clock(Clock value) {
            clock = Settings.required("clock", value);
            return this;
        }

        public AnonFtplet build() {
            return new AnonFtplet(this);
        }
    }
}

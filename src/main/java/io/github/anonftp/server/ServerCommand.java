package io.github.anonftp.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;

import io.github.anonftp.Settings;
import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.accesslog.RecordFormat;
import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.UploadConfig;
import io.github.anonftp.email.EmailPolicyConfig;
import io.github.anonftp.email.Enforcement;
import io.github.anonftp.email.PlaceholderAction;
import io.github.anonftp.email.Strictness;
import io.github.anonftp.ratelimit.Rate;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.redis.RedisConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The runnable server's options; see docs/configuration.md for each setting behind them. */
@Command(name = "anonftp-server", mixinStandardHelpOptions = true, version = "anonftp 0.1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs an RFC 1635 anonymous FTP server on Apache FtpServer.",
        footer = "%nSubcommand: check-email [--email-policy off|trivial|rfc5321] < passwords.txt")
final class ServerCommand implements Callable<Integer> {

    /** Returned once the server listens: it runs until the JVM shuts down. */
    static final int RUNNING = -1;

    @Spec
    CommandSpec spec;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "2121",
            description = "Control port, 0 for an ephemeral one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Read-only anonymous root (default: ./ftp-root, created with a sample file).")
    Path root;

    @Option(names = "--incoming", paramLabel = "DIR",
            description = "Drop-box directory guests upload to, shown as /incoming (default: none).")
    Path incoming;

    @Option(names = "--access-log", paramLabel = "FILE|-", defaultValue = "-",
            description = "Access log: a file, - for standard output, none (default: ${DEFAULT-VALUE}).")
    String accessLog;

    @Option(names = "--log-format", paramLabel = "json|xferlog", defaultValue = "json",
            description = "Access log format (default: ${DEFAULT-VALUE}).")
    String logFormat;

    @Option(names = "--address-privacy", paramLabel = "full|mask|hmac|drop", defaultValue = "full",
            description = "How supplied e-mail addresses are logged (default: ${DEFAULT-VALUE}).")
    String addressPrivacy;

    @Option(names = "--ip-privacy", paramLabel = "full|truncate|hmac", defaultValue = "full",
            description = "How client IPs are logged (default: ${DEFAULT-VALUE}).")
    String ipPrivacy;

    @Option(names = "--privacy-secret-file", paramLabel = "FILE",
            description = "File holding the HMAC secret (at least 16 characters) for hmac privacy.")
    Path privacySecretFile;

    @Option(names = "--log-connects", description = "Also log every admitted connection.")
    boolean logConnects;

    @Option(names = "--email-policy", paramLabel = "off|trivial|rfc5321", defaultValue = "rfc5321",
            description = "How strictly the anonymous password must be an e-mail address (default: ${DEFAULT-VALUE}).")
    String emailPolicy;

    @Option(names = "--email-mode", paramLabel = "enforce|warn", defaultValue = "enforce",
            description = "Refuse bad addresses with 530, or only warn (default: ${DEFAULT-VALUE}).")
    String emailMode;

    @Option(names = "--placeholders", paramLabel = "accept|warn|reject", defaultValue = "accept",
            description = "What to do with clients' default passwords such as -wget@ (default: ${DEFAULT-VALUE}).")
    String placeholders;

    @Option(names = "--email-deny", paramLabel = "PATTERNS",
            description = "Refused addresses: user@domain, *@domain, *@*.domain, comma-separated.")
    String emailDeny;

    @Option(names = "--email-allow", paramLabel = "PATTERNS",
            description = "Always accepted addresses (win over --email-deny), same forms.")
    String emailAllow;

    @Option(names = "--email-allow-only", description = "Refuse every address not on --email-allow.")
    boolean emailAllowOnly;

    @Option(names = "--guest-names", paramLabel = "NAMES", defaultValue = "anonymous,ftp",
            description = "User names that log in as the guest, any case (default: ${DEFAULT-VALUE}).")
    String guestNames;

    @Option(names = "--max-login-failures", paramLabel = "N", defaultValue = "3",
            description = "Failed logins on one connection before 421 and close (default: ${DEFAULT-VALUE}).")
    int maxLoginFailures;

    @Option(names = "--idle-timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "Idle time before a guest session is closed (default: ${DEFAULT-VALUE}).")
    String idleTimeout;

    @Option(names = "--max-sessions-per-ip", paramLabel = "N", defaultValue = "8",
            description = "Concurrent connections per client address (IPv6: per network), 0 = no limit"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxSessionsPerIp;

    @Option(names = "--connections-per-minute-per-ip", paramLabel = "N", defaultValue = "60",
            description = "New connections per client and minute, also the burst; 0 = no limit"
                    + " (default: ${DEFAULT-VALUE}).")
    int connectionsPerMinute;

    @Option(names = "--commands-per-second", paramLabel = "N", defaultValue = "100",
            description = "Commands per session and second, also the burst; 0 = no limit (default: ${DEFAULT-VALUE}).")
    int commandsPerSecond;

    @Option(names = "--ban-after-failures", paramLabel = "N", defaultValue = "10",
            description = "Failed logins per client within 10 minutes that start a ban, 0 = never"
                    + " (default: ${DEFAULT-VALUE}).")
    int banAfterFailures;

    @Option(names = "--ban-time", paramLabel = "DURATION", defaultValue = "10m",
            description = "First ban's length; each repeat doubles it, up to 24h (default: ${DEFAULT-VALUE}).")
    String banTime;

    @Option(names = "--ipv6-prefix", paramLabel = "N", defaultValue = "64",
            description = "IPv6 clients are counted by networks of N bits, 32..128 (default: ${DEFAULT-VALUE}).")
    int ipv6Prefix;

    @Option(names = "--allow", paramLabel = "CIDRS",
            description = "Networks exempt from every limit, comma-separated (192.0.2.0/24,2001:db8::/32).")
    String allow;

    @Option(names = "--deny", paramLabel = "CIDRS", description = "Networks always refused with 421.")
    String deny;

    @Option(names = "--dry-run-limits", description = "Evaluate and log every limit but refuse nothing.")
    boolean dryRunLimits;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "1000",
            description = "Connections open at once, all clients, 0 = no limit (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--login-timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "Time a connection has to log in, 0s = no limit (default: ${DEFAULT-VALUE}).")
    String loginTimeout;

    @Option(names = "--login-failure-delay", paramLabel = "DURATION", defaultValue = "0s",
            description = "Pause after a failed login, no thread held (default: ${DEFAULT-VALUE}).")
    String loginFailureDelay;

    @Option(names = "--max-anonymous-sessions", paramLabel = "N", defaultValue = "100",
            description = "Concurrent guest sessions, 0 = unlimited (default: ${DEFAULT-VALUE}).")
    int maxAnonymousSessions;

    @Option(names = "--passive-ports", paramLabel = "RANGE", defaultValue = "30000-30099",
            description = "Passive data ports (default: ${DEFAULT-VALUE}).")
    String passivePorts;

    @Option(names = "--passive-address", paramLabel = "ADDR",
            description = "Address announced in PASV replies, e.g. behind NAT (default: the control address).")
    String passiveAddress;

    @Option(names = "--no-data-ip-check", description = "Allow data connections to and from other hosts"
            + " than the client's (off by default: RFC 2577 bounce protection).")
    boolean noDataIpCheck;

    @Option(names = "--users", paramLabel = "FILE",
            description = "FtpServer users.properties with real accounts (default: anonymous only).")
    Path users;

    @Option(names = "--max-upload-size", paramLabel = "SIZE", defaultValue = "0",
            description = "Bytes per uploaded file, e.g. 100MiB; larger uploads are stopped with 552 and removed,"
                    + " 0 = unlimited (default: ${DEFAULT-VALUE}).")
    String maxUploadSize;

    @Option(names = "--min-free-space", paramLabel = "SIZE", defaultValue = "auto",
            description = "Free space the drop box's disk keeps (452 below it); auto = 1GiB, or 5%% of a smaller"
                    + " disk; 0 = no floor (default: ${DEFAULT-VALUE}).")
    String minFreeSpace;

    @Option(names = "--max-dropbox-size", paramLabel = "SIZE", defaultValue = "0",
            description = "Bytes the drop box may hold (552 past it), counted at start; 0 = unlimited"
                    + " (default: ${DEFAULT-VALUE}).")
    String maxDropBoxSize;

    @Option(names = "--upload-quota-per-ip", paramLabel = "SIZE/PERIOD", defaultValue = "0",
            description = "Bytes each client may upload per period, e.g. 1GiB/1d; 0 = off (default: ${DEFAULT-VALUE}).")
    String uploadQuotaPerIp;

    @Option(names = "--upload-files-per-ip", paramLabel = "N/PERIOD", defaultValue = "0",
            description = "Uploads each client may start per period, e.g. 100/1d; 0 = off (default: ${DEFAULT-VALUE}).")
    String uploadFilesPerIp;

    @Option(names = "--keep-partial-uploads", description = "Keep incomplete uploads under their hidden temporary"
            + " name instead of removing them.")
    boolean keepPartialUploads;

    @Option(names = "--upload-name-pattern", paramLabel = "REGEX",
            description = "Regular expression whole upload names must match (default: letters, digits, ._-+~,=@ and"
                    + " space, not starting with . or -).")
    String uploadNamePattern;

    @Option(names = "--deny-upload-names", paramLabel = "GLOBS",
            description = "Refused upload names, comma-separated globs in any case, e.g. *.exe,*.php.")
    String denyUploadNames;

    @Option(names = "--upload-rename", description = "Store an upload to an existing name as name.1, name.2, ...")
    boolean uploadRename;

    @Option(names = "--upload-mode", paramLabel = "OCTAL", defaultValue = "0640",
            description = "Permissions of stored uploads (default: ${DEFAULT-VALUE}).")
    String uploadMode;

    @Option(names = "--upload-group", paramLabel = "NAME", description = "Group stored uploads are given.")
    String uploadGroup;

    @Option(names = "--on-upload", paramLabel = "COMMAND",
            description = "Run COMMAND PATH after each stored upload (no shell); a non-zero exit rejects the file.")
    String onUpload;

    @Option(names = "--on-upload-timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "Time --on-upload may run before it is killed and the file rejected"
                    + " (default: ${DEFAULT-VALUE}).")
    String onUploadTimeout;

    @Option(names = "--quarantine", paramLabel = "DIR",
            description = "Where rejected uploads are moved (default: they are deleted).")
    Path quarantine;

    @Option(names = "--redis", paramLabel = "URL",
            description = "Farm mode: share per-address limits and bans with every node using this Redis,"
                    + " redis://[user:password@]host:port[/db] or rediss:// for TLS (default: this node alone).")
    String redis;

    @Option(names = "--redis-password-file", paramLabel = "FILE",
            description = "File holding the Redis password (instead of one in the URL).")
    Path redisPasswordFile;

    @Option(names = "--redis-prefix", paramLabel = "TEXT",
            description = "First part of every Redis key; farms sharing one Redis need different ones"
                    + " (default: anonftp:).")
    String redisPrefix;

    @Option(names = "--redis-timeout", paramLabel = "DURATION",
            description = "Longest wait for one Redis call (default: 250ms).")
    String redisTimeout;

    @Option(names = "--redis-failure", paramLabel = "open|closed",
            description = "While Redis is unreachable: open = admit on this node's own limits, closed = refuse"
                    + " with 421 (default: open).")
    String redisFailure;

    @Option(names = "--redis-lease", paramLabel = "DURATION",
            description = "Session slots of a node that died are freed after this long (default: 30s).")
    String redisLease;

    @Option(names = "--metrics", paramLabel = "ADDR:PORT",
            description = "Serve Prometheus metrics at http://ADDR:PORT/metrics, e.g. 127.0.0.1:9121 (default: off).")
    String metrics;

    @Option(names = "--config", paramLabel = "FILE.xml",
            description = "Run a full FtpServer Spring XML configuration instead; no other server option may be given.")
    Path config;

    @Option(names = "--hide-files", paramLabel = "GLOBS",
            description = "Names or guest paths left out of listings, still fetchable by name, comma-separated"
                    + " (e.g. '.*,*.tmp'; default: none, dot-files are listed).")
    String hideFiles;

    @Option(names = "--deny-files", paramLabel = "GLOBS",
            description = "Names or guest paths that do not exist for guests, comma-separated"
                    + " (e.g. '.git,*.key,/private/**').")
    String denyFiles;

    @Option(names = "--banner", paramLabel = "TEXT",
            description = "One line sent as the 220 greeting (default: FtpServer's text).")
    String banner;

    @Option(names = "--banner-file", paramLabel = "FILE",
            description = "A text file (at most 4 KiB) sent as 220- lines, then 220, instead of --banner.")
    Path bannerFile;

    @Option(names = "--dir-message", paramLabel = "NAME",
            description = "File name (e.g. .message) whose text guests see as 250- lines on CWD into its directory"
                    + " (default: off).")
    String dirMessage;

    @Option(names = "--login-message-file", paramLabel = "FILE",
            description = "A text file (at most 4 KiB) shown to guests as 230- lines at login.")
    Path loginMessageFile;

    @Option(names = "--xferlog", paramLabel = "FILE",
            description = "Also write wu-ftpd xferlog lines of every transfer to FILE, next to --access-log.")
    Path xferlog;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "PKCS12 or JKS keystore with the server's key and certificate: turns on explicit AUTH TLS.")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password-file", paramLabel = "FILE",
            description = "File whose first line is the keystore's password.")
    Path tlsKeystorePasswordFile;

    @Option(names = "--anonymous-tls", paramLabel = "optional|required", defaultValue = "optional",
            description = "required: guests must log in after AUTH TLS and protect data with PROT P"
                    + " (default: ${DEFAULT-VALUE}).")
    String anonymousTls;

    @Option(names = "--max-download-rate-per-ip", paramLabel = "RATE", defaultValue = "0",
            description = "Bytes per second for all downloads of one guest client together (IPv4 address or"
            + " IPv6 network), e.g. 1MiB; 0 = unlimited (default).")
    String maxDownloadRatePerIp;

    @Option(names = "--max-upload-rate-per-ip", paramLabel = "RATE", defaultValue = "0",
            description = "Bytes per second for all uploads of one guest client together, e.g. 256KiB;"
            + " 0 = unlimited (default).")
    String maxUploadRatePerIp;

    @Option(names = "--max-download-rate", paramLabel = "RATE", defaultValue = "0",
            description = "Bytes per second for all downloads of the server together, e.g. 100MiB;"
            + " 0 = unlimited (default).")
    String maxDownloadRate;

    @Option(names = "--max-upload-rate", paramLabel = "RATE", defaultValue = "0",
            description = "Bytes per second for all uploads of the server together; 0 = unlimited (default).")
    String maxUploadRate;

    private final PrintStream out;
    private final PrintStream err;

    ServerCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        if (config != null) {
            rejectOtherOptions();
            XmlServerLoader.start(config, out);
            return RUNNING;
        }
        AnonFtpServer server = buildServer();
        server.start();
        PrometheusEndpoint endpoint = metrics == null ? null : startMetrics(server);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            if (endpoint != null) {
                endpoint.close();
            }
        }, "anonftp-shutdown"));
        out.println("listening on " + server.host() + ":" + server.port());
        return RUNNING;
    }

    private PrometheusEndpoint startMetrics(AnonFtpServer server) {
        try {
            PrometheusEndpoint endpoint = PrometheusEndpoint.start(metrics, server.metrics());
            java.net.InetSocketAddress bound = endpoint.address();
            String host = bound.getAddress().getHostAddress();
            out.println("metrics on http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort()
                    + "/metrics");
            return endpoint;
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
    }

    AnonFtpServer buildServer() throws IOException {
        AnonymousConfig.Builder anonymous = AnonymousConfig.builder()
                .homeDirectory(root == null ? sampleRoot() : root)
                .uploadDirectory(incoming)
                .names(Settings.parseList("anonymous.names", guestNames))
                .idleTimeout(Settings.parseDuration("anonymous.idleTimeout", idleTimeout))
                .maxSessions(maxAnonymousSessions)
                .hideFiles(hideFiles == null ? "" : hideFiles)
                .denyFiles(denyFiles == null ? "" : denyFiles)
                .dirMessage(dirMessage == null ? "" : dirMessage)
                .tls(anonymousTls)
                .uploads(uploadConfig())
                .maxDownloadRatePerClient(
                        Settings.parseSize("anonymous.maxDownloadRatePerClient", maxDownloadRatePerIp))
                .maxUploadRatePerClient(Settings.parseSize("anonymous.maxUploadRatePerClient", maxUploadRatePerIp));
        if (banner != null && bannerFile != null) {
            throw new ParameterException(spec.commandLine(), "--banner and --banner-file exclude each other;"
                    + " give one of them");
        }
        if (banner != null) {
            anonymous.banner(banner);
        }
        if (bannerFile != null) {
            anonymous.bannerFile(bannerFile);
        }
        if (loginMessageFile != null) {
            anonymous.loginMessageFile(loginMessageFile);
        }
        EmailPolicyConfig email = EmailPolicyConfig.builder()
                .strictness(Settings.parseEnum("emailPolicy.strictness", emailPolicy, Strictness.class))
                .enforcement(Settings.parseEnum("emailPolicy.enforcement", emailMode, Enforcement.class))
                .placeholders(Settings.parseEnum("emailPolicy.placeholders", placeholders, PlaceholderAction.class))
                .denied(emailDeny == null ? "" : emailDeny)
                .allowed(emailAllow == null ? "" : emailAllow)
                .allowOnly(emailAllowOnly)
                .build();
        AnonFtpServer.Builder server = AnonFtpServer.builder();
        RedisConfig farm = redisConfig();
        if (farm != null) {
            server.redis(farm);
        }
        if (tlsKeystore != null) {
            server.tlsKeystore(tlsKeystore);
        }
        if (tlsKeystorePasswordFile != null) {
            server.tlsKeystorePasswordFile(tlsKeystorePasswordFile);
        }
        return server
                .bind(bind)
                .port(port)
                .passivePorts(passivePorts)
                .passiveAddress(passiveAddress)
                .dataConnectionIpCheck(!noDataIpCheck)
                .anonymous(anonymous.build())
                .emailPolicy(email)
                .rateLimit(rateLimits())
                .accessLog(accessLogConfig())
                .userManager(users == null ? null : propertiesUsers(users))
                .maxDownloadRate(Settings.parseSize("server.maxDownloadRate", maxDownloadRate))
                .maxUploadRate(Settings.parseSize("server.maxUploadRate", maxUploadRate))
                .build();
    }

    private UploadConfig uploadConfig() {
        UploadConfig.Builder uploads = UploadConfig.builder()
                .maxUploadSize(maxUploadSize)
                .minFreeSpace(minFreeSpace)
                .maxDropBoxSize(maxDropBoxSize)
                .keepPartialUploads(keepPartialUploads)
                .uploadRename(uploadRename)
                .uploadMode(uploadMode)
                .uploadGroup(uploadGroup)
                .onUpload(onUpload)
                .onUploadTimeout(Settings.parseDuration("anonymous.onUploadTimeout", onUploadTimeout))
                .quarantineDirectory(quarantine);
        if (uploadNamePattern != null) {
            uploads.uploadNamePattern(uploadNamePattern);
        }
        if (denyUploadNames != null) {
            uploads.denyUploadNames(denyUploadNames);
        }
        return uploads.build();
    }

    /** The farm settings, or null without {@code --redis} (then no other --redis-* flag may be given). */
    private RedisConfig redisConfig() {
        if (redis == null) {
            List<String> others = spec.commandLine().getParseResult().matchedOptions().stream()
                    .map(option -> option.longestName())
                    .filter(name -> name.startsWith("--redis-"))
                    .toList();
            if (!others.isEmpty()) {
                throw new ParameterException(spec.commandLine(), String.join(", ", others)
                        + " only apply with --redis URL (farm mode)");
            }
            return null;
        }
        RedisConfig.Builder farm = RedisConfig.builder().redis(redis);
        if (redisPasswordFile != null) {
            farm.redisPasswordFile(redisPasswordFile);
        }
        if (redisPrefix != null) {
            farm.redisPrefix(redisPrefix);
        }
        if (redisTimeout != null) {
            farm.redisTimeout(redisTimeout);
        }
        if (redisFailure != null) {
            farm.redisFailure(redisFailure);
        }
        if (redisLease != null) {
            farm.redisLease(redisLease);
        }
        return farm.build();
    }

    private AccessLogConfig accessLogConfig() {
        AccessLogConfig.Builder log = AccessLogConfig.builder()
                .destination(accessLog)
                .format(logFormat)
                .addressPrivacy(addressPrivacy)
                .ipPrivacy(ipPrivacy)
                .logConnects(logConnects);
        if (privacySecretFile != null) {
            log.privacySecretFile(privacySecretFile);
        }
        if (xferlog != null) {
            log.extraDestination(RecordFormat.XFERLOG, xferlog.toString());
        }
        return log.build();
    }

    private RateLimitConfig rateLimits() {
        return RateLimitConfig.builder()
                .maxFailuresPerConnection(maxLoginFailures)
                .maxSessionsPerClient(maxSessionsPerIp)
                .connectionRate(perPeriod("rateLimit.connectionRate", connectionsPerMinute, Duration.ofMinutes(1)))
                .commandRate(perPeriod("rateLimit.commandRate", commandsPerSecond, Duration.ofSeconds(1)))
                .maxLoginFailures(banAfterFailures)
                .banDuration(Settings.parseDuration("rateLimit.banDuration", banTime))
                .ipv6PrefixLength(ipv6Prefix)
                .allowedNetworks(allow == null ? "" : allow)
                .deniedNetworks(deny == null ? "" : deny)
                .dryRun(dryRunLimits)
                .maxConnections(maxConnections)
                .loginTimeout(Settings.parseDuration("rateLimit.loginTimeout", loginTimeout))
                .loginFailureDelay(Settings.parseDuration("rateLimit.loginFailureDelay", loginFailureDelay))
                .uploadQuotaPerClient(uploadQuotaPerIp)
                .uploadFilesPerClient(uploadFilesPerIp)
                .build();
    }

    private static Rate perPeriod(String setting, int count, Duration period) {
        Settings.checkRange(setting, count, 0, 1_000_000, "0 = no limit");
        return count == 0 ? Rate.OFF : Rate.of(count, period);
    }

    private static UserManager propertiesUsers(Path file) {
        if (!Files.isReadable(file)) {
            throw new FtpServerConfigurationException("--users: \"" + file
                    + "\" is not a readable file; expected an FtpServer users.properties file");
        }
        PropertiesUserManagerFactory factory = new PropertiesUserManagerFactory();
        factory.setFile(file.toFile());
        return factory.createUserManager();
    }

    private Path sampleRoot() throws IOException {
        Path sample = Path.of("ftp-root");
        if (!Files.exists(sample)) {
            Files.createDirectories(sample.resolve("pub"));
            Files.writeString(sample.resolve("pub/README.txt"),
                    "This is a sample anonymous FTP root made by anonftp. Serve your own with --root DIR.\n",
                    StandardCharsets.UTF_8);
            out.println("created a sample root at ./ftp-root (pub/README.txt); serve your own with --root DIR");
        } else {
            out.println("serving ./ftp-root; serve another directory with --root DIR");
        }
        return sample;
    }

    private void rejectOtherOptions() {
        List<String> others = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(option -> option.longestName())
                .filter(name -> !name.equals("--config"))
                .toList();
        if (!others.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--config runs the XML file as it is; remove "
                    + String.join(", ", others) + " (set those in the XML)");
        }
    }
}

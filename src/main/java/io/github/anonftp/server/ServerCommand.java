package io.github.anonftp.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;

import io.github.anonftp.Settings;
import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.email.EmailPolicyConfig;
import io.github.anonftp.email.Enforcement;
import io.github.anonftp.email.PlaceholderAction;
import io.github.anonftp.email.Strictness;
import io.github.anonftp.ratelimit.RateLimitConfig;
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

    @Option(names = "--access-log", paramLabel = "FILE|-", description = "Access log destination.")
    String accessLog;

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

    @Option(names = "--max-sessions-per-ip", paramLabel = "N", description = "Concurrent sessions per client address.")
    Integer maxSessionsPerIp;

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

    @Option(names = "--config", paramLabel = "FILE.xml",
            description = "Run a full FtpServer Spring XML configuration instead; no other server option may be given.")
    Path config;

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
        warnUnsupported();
        AnonFtpServer server = buildServer();
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "anonftp-shutdown"));
        out.println("listening on " + server.host() + ":" + server.port());
        return RUNNING;
    }

    AnonFtpServer buildServer() throws IOException {
        AnonymousConfig.Builder anonymous = AnonymousConfig.builder()
                .homeDirectory(root == null ? sampleRoot() : root)
                .uploadDirectory(incoming)
                .names(Settings.parseList("anonymous.names", guestNames))
                .idleTimeout(Settings.parseDuration("anonymous.idleTimeout", idleTimeout))
                .maxSessions(maxAnonymousSessions);
        EmailPolicyConfig email = EmailPolicyConfig.builder()
                .strictness(Settings.parseEnum("emailPolicy.strictness", emailPolicy, Strictness.class))
                .enforcement(Settings.parseEnum("emailPolicy.enforcement", emailMode, Enforcement.class))
                .placeholders(Settings.parseEnum("emailPolicy.placeholders", placeholders, PlaceholderAction.class))
                .denied(emailDeny == null ? "" : emailDeny)
                .allowed(emailAllow == null ? "" : emailAllow)
                .allowOnly(emailAllowOnly)
                .build();
        return AnonFtpServer.builder()
                .bind(bind)
                .port(port)
                .passivePorts(passivePorts)
                .passiveAddress(passiveAddress)
                .dataConnectionIpCheck(!noDataIpCheck)
                .anonymous(anonymous.build())
                .emailPolicy(email)
                .rateLimit(RateLimitConfig.builder().maxFailuresPerConnection(maxLoginFailures).build())
                .userManager(users == null ? null : propertiesUsers(users))
                .build();
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

    private void warnUnsupported() {
        if (accessLog != null) {
            err.println("anonftp-server: --access-log is not yet supported; no access log is written");
        }
        if (maxSessionsPerIp != null) {
            err.println("anonftp-server: --max-sessions-per-ip is not yet supported; no per-address limit applies");
        }
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

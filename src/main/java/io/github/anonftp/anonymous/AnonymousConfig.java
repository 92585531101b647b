package io.github.anonftp.anonymous;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.github.anonftp.Settings;

/**
 * Settings of the anonymous (guest) accounts: the names guests log in with, their read-only home,
 * the optional upload drop box and their limits. Immutable; build it with {@link #builder()}.
 *
 * <p>Every setting is named {@code anonymous.<name>} in error messages, Spring XML and the docs.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1635">RFC 1635: How to Use Anonymous FTP</a>
 */
public record AnonymousConfig(
        List<String> names,
        boolean enabled,
        Path homeDirectory,
        String uploadPath,
        Path uploadDirectory,
        int maxSessions,
        Duration idleTimeout,
        long maxDownloadRate,
        long maxUploadRate,
        boolean followSymlinks,
        String passwordPrompt,
        String loginReply,
        String loginMessage,
        FileRules fileRules,
        String banner,
        String dirMessage,
        AnonymousTls tls,
        UploadConfig uploads,
        long maxDownloadRatePerClient,
        long maxUploadRatePerClient) {

    /** Upper bound of {@link #maxSessions()}. */
    public static final int MAX_SESSIONS_LIMIT = 1_000_000;
    /** Upper bound of the per-client rates: 1 TiB per second. */
    public static final long MAX_RATE = 1L << 40;

    public AnonymousConfig {
        names = checkNames(names);
        homeDirectory = Settings.checkDirectory("anonymous.homeDirectory", homeDirectory);
        uploadPath = GuestPaths.checkUploadPath(uploadPath);
        if (uploadDirectory != null) {
            uploadDirectory = Settings.checkDirectory("anonymous.uploadDirectory", uploadDirectory);
            if (!Files.isWritable(uploadDirectory)) {
                throw new org.apache.ftpserver.FtpServerConfigurationException("anonymous.uploadDirectory: \""
                        + uploadDirectory + "\" is not writable; expected a directory this server can write to");
            }
            if (uploadDirectory.equals(homeDirectory)) {
                throw Settings.invalid("anonymous.uploadDirectory", uploadDirectory.toString(),
                        "a directory other than anonymous.homeDirectory (the archive would become writable)");
            }
        }
        Settings.checkRange("anonymous.maxSessions", maxSessions, 0, MAX_SESSIONS_LIMIT, "0 = unlimited");
        Settings.checkRange("anonymous.idleTimeout", idleTimeout, Duration.ofSeconds(1), Duration.ofDays(1));
        Settings.checkRange("anonymous.maxDownloadRate", maxDownloadRate, 0, Integer.MAX_VALUE,
                "bytes per second, 0 = unlimited");
        Settings.checkRange("anonymous.maxUploadRate", maxUploadRate, 0, Integer.MAX_VALUE,
                "bytes per second, 0 = unlimited");
        passwordPrompt = Settings.checkText("anonymous.passwordPrompt", passwordPrompt);
        loginReply = Settings.checkText("anonymous.loginReply", loginReply);
        loginMessage = checkMessage("anonymous.loginMessage", loginMessage);
        Settings.required("anonymous.fileRules", fileRules);
        banner = checkMessage("anonymous.banner", banner);
        dirMessage = MessageText.checkFileName("anonymous.dirMessage", dirMessage);
        Settings.required("anonymous.tls", tls);
        Settings.required("anonymous.uploads", uploads);
        if (uploads.quarantineDirectory() != null && uploads.quarantineDirectory().equals(uploadDirectory)) {
            throw Settings.invalid("anonymous.quarantineDirectory", uploads.quarantineDirectory().toString(),
                    "a directory other than anonymous.uploadDirectory");
        }
        Settings.checkRange("anonymous.maxDownloadRatePerClient", maxDownloadRatePerClient, 0, MAX_RATE,
                "bytes per second, 0 = unlimited");
        Settings.checkRange("anonymous.maxUploadRatePerClient", maxUploadRatePerClient, 0, MAX_RATE,
                "bytes per second, 0 = unlimited");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding every setting of this configuration, to change some and keep the rest:
     * {@code config.toBuilder().maxSessions(5).build()}.
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Whether {@code userName} is one of the guest names, in any case. */
    public boolean isGuestName(String userName) {
        return userName != null && names.contains(userName.toLowerCase(Locale.ROOT));
    }

    /** Whether an upload drop box is configured. */
    public boolean hasDropBox() {
        return uploadDirectory != null;
    }

    /** Where a guest path lies: in the read-only archive, at the drop box, or inside the drop box. */
    public GuestArea areaOf(String guestPath) {
        return GuestPaths.areaOf(this, guestPath);
    }

    private static List<String> checkNames(List<String> names) {
        Settings.required("anonymous.names", names);
        Set<String> normalised = new LinkedHashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank() || !name.chars().allMatch(c -> c > ' ' && c < 127)) {
                throw Settings.invalid("anonymous.names", String.valueOf(name),
                        "user names of printable ASCII characters without spaces");
            }
            normalised.add(name.toLowerCase(Locale.ROOT));
        }
        if (normalised.isEmpty()) {
            throw Settings.invalid("anonymous.names", "", "at least one name, such as anonymous");
        }
        return List.copyOf(new ArrayList<>(normalised));
    }

    private static String checkMessage(String setting, String message) {
        Settings.required(setting, message);
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c != '\n' && Character.isISOControl(c)) {
                throw Settings.invalid(setting, message,
                        "text lines separated by line feeds, without other control characters");
            }
        }
        return MessageText.checkSize(setting, message.strip());
    }

    /** Whether guests see the configured 220 greeting instead of FtpServer's. */
    public boolean hasBanner() {
        return !banner.isEmpty();
    }

    /** Whether directory messages are on ({@link #dirMessage()} names a file). */
    public boolean hasDirMessage() {
        return !dirMessage.isEmpty();
    }

    /** The hide globs of {@link #fileRules()}. */
    public List<String> hideFiles() {
        return fileRules.hide();
    }

    /** The deny globs of {@link #fileRules()}. */
    public List<String> denyFiles() {
        return fileRules.deny();
    }

    /** Builds an {@link AnonymousConfig}; every setting has a default except the home directory. */
    public static final class Builder {
        private List<String> names = List.of("anonymous", "ftp");
        private boolean enabled = true;
        private Path homeDirectory;
        private String uploadPath = "/incoming";
        private Path uploadDirectory;
        private int maxSessions = 100;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private long maxDownloadRate;
        private long maxUploadRate;
        private boolean followSymlinks;
        private String passwordPrompt = "Guest login ok, send your complete e-mail address as password.";
        private String loginReply = "Guest login ok, access restrictions apply.";
        private String loginMessage = "";
        private List<String> hideFiles = List.of();
        private List<String> denyFiles = List.of();
        private String banner = "";
        private String dirMessage = "";
        private AnonymousTls tls = AnonymousTls.OPTIONAL;
        private UploadConfig uploads = UploadConfig.defaults();
        private long maxDownloadRatePerClient;
        private long maxUploadRatePerClient;

        private Builder() {
        }

        /** A builder holding every setting of {@code config}. */
        private Builder(AnonymousConfig config) {
            names = config.names();
            enabled = config.enabled();
            homeDirectory = config.homeDirectory();
            uploadPath = config.uploadPath();
            uploadDirectory = config.uploadDirectory();
            maxSessions = config.maxSessions();
            idleTimeout = config.idleTimeout();
            maxDownloadRate = config.maxDownloadRate();
            maxUploadRate = config.maxUploadRate();
            followSymlinks = config.followSymlinks();
            passwordPrompt = config.passwordPrompt();
            loginReply = config.loginReply();
            loginMessage = config.loginMessage();
            hideFiles = config.hideFiles();
            denyFiles = config.denyFiles();
            banner = config.banner();
            dirMessage = config.dirMessage();
            tls = config.tls();
            uploads = config.uploads();
            maxDownloadRatePerClient = config.maxDownloadRatePerClient();
            maxUploadRatePerClient = config.maxUploadRatePerClient();
        }

        /** Names that log in as the guest, compared in any case. Default {@code anonymous, ftp}. */
        public Builder names(List<String> value) {
            names = value;
            return this;
        }

        public Builder names(String... value) {
            return names(List.of(value));
        }

        /** Whether guests may log in at all. Default true. */
        public Builder enabled(boolean value) {
            enabled = value;
            return this;
        }

        /** The read-only directory guests see as {@code /}. Required. */
        public Builder homeDirectory(Path value) {
            homeDirectory = value;
            return this;
        }

        /** The guest path of the drop box. Default {@code /incoming}. */
        public Builder uploadPath(String value) {
            uploadPath = value;
            return this;
        }

        /** The directory on disk behind the drop box, inside or outside the home; none by default. */
        public Builder uploadDirectory(Path value) {
            uploadDirectory = value;
            return this;
        }

        /** Concurrent guest sessions, 0 = unlimited. Default 100. */
        public Builder maxSessions(int value) {
            maxSessions = value;
            return this;
        }

        /** Idle time after which a guest session is closed; lowers the listener's, never raises it. */
        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        /** Bytes per second for each guest download, 0 = unlimited (default). */
        public Builder maxDownloadRate(long value) {
            maxDownloadRate = value;
            return this;
        }

        /** Bytes per second for each guest upload, 0 = unlimited (default). */
        public Builder maxUploadRate(long value) {
            maxUploadRate = value;
            return this;
        }

        /** Whether guests may follow symbolic links that lead outside their directories. Default false. */
        public Builder followSymlinks(boolean value) {
            followSymlinks = value;
            return this;
        }

        /** The text of the {@code 331} reply to a guest's USER. */
        public Builder passwordPrompt(String value) {
            passwordPrompt = value;
            return this;
        }

        /** The text of the final {@code 230} line of a guest login. */
        public Builder loginReply(String value) {
            loginReply = value;
            return this;
        }

        /** Lines shown to guests as {@code 230-} lines before the login reply; empty for none (default). */
        public Builder loginMessage(String value) {
            loginMessage = value;
            return this;
        }

        /**
         * Reads {@link #loginMessage(String)} from a UTF-8 file, sanitised (control characters removed, each line
         * cut to {@value MessageText#MAX_LINE} characters); the file may hold at most {@value MessageText#MAX_BYTES}
         * bytes.
         */
        public Builder loginMessageFile(Path file) {
            loginMessage = MessageText.readFile("anonymous.loginMessageFile", file);
            return this;
        }

        /**
         * Globs of names or guest paths left out of LIST, NLST, MLSD and STAT listings, still usable by exact name
         * (see {@link FileRules}). Default none: dot-files are listed; {@code .*} hides them.
         */
        public Builder hideFiles(List<String> value) {
            hideFiles = Settings.required("anonymous.hideFiles", value);
            return this;
        }

        /** {@link #hideFiles(List)} from a list separated by commas and/or white space. */
        public Builder hideFiles(String value) {
            return hideFiles(Settings.parseList("anonymous.hideFiles", value));
        }

        /**
         * Globs of names or guest paths that do not exist for guests: not listed, and every command on them, or
         * below a denied directory, answers as for a missing name (see {@link FileRules}). Default none.
         */
        public Builder denyFiles(List<String> value) {
            denyFiles = Settings.required("anonymous.denyFiles", value);
            return this;
        }

        /** {@link #denyFiles(List)} from a list separated by commas and/or white space. */
        public Builder denyFiles(String value) {
            return denyFiles(Settings.parseList("anonymous.denyFiles", value));
        }

        /**
         * The {@code 220} greeting every connection gets, lines separated by {@code \n} (sent as {@code 220-}
         * lines, then {@code 220 }); empty (default) keeps FtpServer's text.
         */
        public Builder banner(String value) {
            banner = value;
            return this;
        }

        /** Reads {@link #banner(String)} from a UTF-8 file, sanitised as {@link #loginMessageFile(Path)}. */
        public Builder bannerFile(Path file) {
            banner = MessageText.readFile("anonymous.bannerFile", file);
            return this;
        }

        /**
         * The name of the file (such as {@code .message}) whose text a guest sees as {@code 250-} lines when a
         * CWD or CDUP enters a directory holding it, once per directory and session. Empty (default): off.
         */
        public Builder dirMessage(String value) {
            dirMessage = value;
            return this;
        }

        /**
         * Whether guests must use TLS: {@code REQUIRED} refuses a guest's USER on a plain control connection and
         * a guest's data transfer without {@code PROT P}. Default {@code OPTIONAL}.
         */
        public Builder tls(AnonymousTls value) {
            tls = value;
            return this;
        }

        public Builder tls(String value) {
            return tls(Settings.parseEnum("anonymous.tls", value, AnonymousTls.class));
        }

        /**
         * What the drop box takes and how: bounds, names, modes, the upload hook. Default
         * {@link UploadConfig#defaults()}.
         */
        public Builder uploads(UploadConfig value) {
            uploads = value;
            return this;
        }

        /**
         * Bytes per second for all downloads of one guest client together (an IPv4 address or an IPv6
         * network of {@code rateLimit.ipv6PrefixLength}), shared fairly among its parallel transfers; 0 =
         * unlimited (default). Enforced by anonftp's data connections (integration level 2).
         */
        public Builder maxDownloadRatePerClient(long value) {
            maxDownloadRatePerClient = value;
            return this;
        }

        /** As {@link #maxDownloadRatePerClient}, for uploads. */
        public Builder maxUploadRatePerClient(long value) {
            maxUploadRatePerClient = value;
            return this;
        }

        public AnonymousConfig build() {
            return new AnonymousConfig(names, enabled, homeDirectory, uploadPath, uploadDirectory, maxSessions,
                    idleTimeout, maxDownloadRate, maxUploadRate, followSymlinks, passwordPrompt, loginReply,
                    loginMessage, FileRules.of(hideFiles, denyFiles), banner, dirMessage, tls, uploads,
                    maxDownloadRatePerClient,
                    maxUploadRatePerClient);
        }
    }
}

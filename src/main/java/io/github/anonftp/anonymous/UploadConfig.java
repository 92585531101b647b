package io.github.anonftp.anonymous;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.github.anonftp.Settings;

/**
 * What the drop box takes and how: size and space bounds, file names, how files appear, what runs after
 * each upload. Part of {@link AnonymousConfig} ({@link AnonymousConfig.Builder#uploads}); every setting is named
 * {@code anonymous.<name>} in error messages, Spring XML and the docs. Immutable; build it with {@link #builder()}.
 *
 * @param maxUploadSize       bytes per file, 0 = unlimited
 * @param minFreeSpace        bytes the drop box's file system keeps free, 0 = no floor, {@link #AUTO_MIN_FREE_SPACE}
 *                            = 1 GiB or 5% of the file system's size, whichever is smaller
 * @param maxDropBoxSize      bytes in the drop-box directory, 0 = unlimited
 * @param keepPartialUploads  whether an incomplete upload stays under its hidden temporary name
 * @param uploadNamePattern   the regular expression a whole file name must match
 * @param denyUploadNames     globs ({@code *}, {@code ?}; any case) of refused file names
 * @param uploadRename        whether an existing name stores as {@code name.1}, {@code name.2}, … instead of 550
 * @param uploadMode          POSIX permission bits of stored files
 * @param uploadGroup         the group stored files are given, or null to keep the server's
 * @param onUpload            the command run with each stored file's path, or null
 * @param onUploadTimeout     how long the command may run before it is killed and the file rejected
 * @param quarantineDirectory where rejected files go, or null to delete them
 */
public record UploadConfig(
        long maxUploadSize,
        long minFreeSpace,
        long maxDropBoxSize,
        boolean keepPartialUploads,
        String uploadNamePattern,
        List<String> denyUploadNames,
        boolean uploadRename,
        int uploadMode,
        String uploadGroup,
        String onUpload,
        Duration onUploadTimeout,
        Path quarantineDirectory) {

    /** {@link #minFreeSpace()}: 1 GiB, or 5% of the drop box's file system when that is smaller. */
    public static final long AUTO_MIN_FREE_SPACE = -1;

    /**
     * Letters, digits, {@code ._-+~,=@} and space, not starting with {@code .} or {@code -}: no hidden files, no
     * names a shell tool would read as an option.
     */
    public static final String DEFAULT_NAME_PATTERN = "[\\p{L}\\p{M}\\p{N}_+~,=@ ][\\p{L}\\p{M}\\p{N}._+~,=@ -]*";

    /** Longest file name, in UTF-8 bytes (the usual file-system limit). */
    public static final int MAX_NAME_BYTES = 255;

    private static final long SIZE_LIMIT = 1L << 60;

    public UploadConfig {
        Settings.checkRange("anonymous.maxUploadSize", maxUploadSize, 0, SIZE_LIMIT, "bytes, 0 = unlimited");
        if (minFreeSpace != AUTO_MIN_FREE_SPACE) {
            Settings.checkRange("anonymous.minFreeSpace", minFreeSpace, 0, SIZE_LIMIT,
                    "bytes, 0 = no floor, auto = 1GiB or 5% of the disk");
        }
        Settings.checkRange("anonymous.maxDropBoxSize", maxDropBoxSize, 0, SIZE_LIMIT, "bytes, 0 = unlimited");
        UploadNames.compile(Settings.required("anonymous.uploadNamePattern", uploadNamePattern));
        denyUploadNames = List.copyOf(Settings.required("anonymous.denyUploadNames", denyUploadNames));
        for (String glob : denyUploadNames) {
            if (glob == null || glob.isBlank() || glob.indexOf('/') >= 0
                    || glob.chars().anyMatch(Character::isISOControl)) {
                throw Settings.invalid("anonymous.denyUploadNames", String.valueOf(glob),
                        "file-name globs such as *.exe or *.php, without / or control characters");
            }
        }
        if (uploadMode < 0 || uploadMode > 0777) {
            throw Settings.invalid("anonymous.uploadMode", "0" + Integer.toOctalString(uploadMode),
                    "octal permission bits 0000..0777 such as 0640");
        }
        if (uploadGroup != null) {
            uploadGroup = Settings.checkText("anonymous.uploadGroup", uploadGroup);
        }
        if (onUpload != null) {
            onUpload = Settings.checkText("anonymous.onUpload", onUpload).strip();
            checkCommand(onUpload);
        }
        Settings.checkRange("anonymous.onUploadTimeout", onUploadTimeout, Duration.ofMillis(100), Duration.ofHours(1));
        if (quarantineDirectory != null) {
            quarantineDirectory = Settings.checkDirectory("anonymous.quarantineDirectory", quarantineDirectory);
            if (!Files.isWritable(quarantineDirectory)) {
                throw Settings.invalid("anonymous.quarantineDirectory", quarantineDirectory.toString(),
                        "a directory this server can write to");
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every setting of this configuration, to change some and keep the rest. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.maxUploadSize = maxUploadSize;
        builder.minFreeSpace = minFreeSpace;
        builder.maxDropBoxSize = maxDropBoxSize;
        builder.keepPartialUploads = keepPartialUploads;
        builder.uploadNamePattern = uploadNamePattern;
        builder.denyUploadNames = denyUploadNames;
        builder.uploadRename = uploadRename;
        builder.uploadMode = uploadMode;
        builder.uploadGroup = uploadGroup;
        builder.onUpload = onUpload;
        builder.onUploadTimeout = onUploadTimeout;
        builder.quarantineDirectory = quarantineDirectory;
        return builder;
    }

    /** The default: no size bounds but the automatic free-space floor, default names, mode 0640, no hook. */
    public static UploadConfig defaults() {
        return builder().build();
    }

    /** The command's words: split on spaces, no shell. */
    List<String> commandLine() {
        return onUpload == null ? List.of() : List.of(onUpload.split("\\s+"));
    }

    private static void checkCommand(String command) {
        String program = command.split("\\s+")[0];
        if (program.indexOf('/') >= 0 && !Files.isExecutable(Path.of(program))) {
            throw Settings.invalid("anonymous.onUpload", command,
                    "a command whose program (the first word) is an executable file, or a name found on the PATH");
        }
    }

    /** Builds an {@link UploadConfig}; see the record's components for each setting. */
    public static final class Builder {
        private long maxUploadSize;
        private long minFreeSpace = AUTO_MIN_FREE_SPACE;
        private long maxDropBoxSize;
        private boolean keepPartialUploads;
        private String uploadNamePattern = DEFAULT_NAME_PATTERN;
        private List<String> denyUploadNames = List.of();
        private boolean uploadRename;
        private int uploadMode = 0640;
        private String uploadGroup;
        private String onUpload;
        private Duration onUploadTimeout = Duration.ofSeconds(60);
        private Path quarantineDirectory;

        private Builder() {
        }

        /** Bytes per uploaded file; a larger upload is stopped with 552 and removed. Default 0 = unlimited. */
        public Builder maxUploadSize(long value) {
            maxUploadSize = value;
            return this;
        }

        /** As {@link #maxUploadSize(long)}, from a size such as {@code 100MiB}. */
        public Builder maxUploadSize(String value) {
            return maxUploadSize(Settings.parseSize("anonymous.maxUploadSize", value));
        }

        /**
         * Free bytes the drop box's file system keeps: a STOR below it gets 452, an upload that would cross it
         * is stopped and removed. Default {@link UploadConfig#AUTO_MIN_FREE_SPACE}; 0 = no floor.
         */
        public Builder minFreeSpace(long value) {
            minFreeSpace = value;
            return this;
        }

        /** As {@link #minFreeSpace(long)}, from a size such as {@code 1GiB}, or {@code auto}. */
        public Builder minFreeSpace(String value) {
            String text = Settings.required("anonymous.minFreeSpace", value).strip();
            return minFreeSpace(text.equalsIgnoreCase("auto") ? AUTO_MIN_FREE_SPACE
                    : Settings.parseSize("anonymous.minFreeSpace", text));
        }

        /**
         * Bytes the drop-box directory may hold (counted at start, tracked as uploads arrive). Default 0 =
         * unlimited.
         */
        public Builder maxDropBoxSize(long value) {
            maxDropBoxSize = value;
            return this;
        }

        public Builder maxDropBoxSize(String value) {
            return maxDropBoxSize(Settings.parseSize("anonymous.maxDropBoxSize", value));
        }

        /** Keep incomplete uploads under their hidden temporary name instead of removing them. Default false. */
        public Builder keepPartialUploads(boolean value) {
            keepPartialUploads = value;
            return this;
        }

        /** The regular expression whole file names must match. Default {@link UploadConfig#DEFAULT_NAME_PATTERN}. */
        public Builder uploadNamePattern(String value) {
            uploadNamePattern = value;
            return this;
        }

        /** Refused file names, as globs in any case ({@code *.exe}, {@code *.php}). Default none. */
        public Builder denyUploadNames(List<String> value) {
            denyUploadNames = value;
            return this;
        }

        /** As {@link #denyUploadNames(List)}, comma-separated. */
        public Builder denyUploadNames(String value) {
            return denyUploadNames(Settings.parseList("anonymous.denyUploadNames", value));
        }

        /** Store an upload to an existing name as {@code name.1}, {@code name.2}, … Default false (550). */
        public Builder uploadRename(boolean value) {
            uploadRename = value;
            return this;
        }

        /** Permission bits of stored files, set before they appear. Default 0640. */
        public Builder uploadMode(int value) {
            uploadMode = value;
            return this;
        }

        /** As {@link #uploadMode(int)}, from octal text such as {@code 0640}. */
        public Builder uploadMode(String value) {
            String text = Settings.required("anonymous.uploadMode", value).strip();
            if (!text.matches("[0-7]{1,4}")) {
                throw Settings.invalid("anonymous.uploadMode", value, "octal permission bits such as 0640 or 600");
            }
            return uploadMode(Integer.parseInt(text, 8));
        }

        /** The group stored files are given (the server must be allowed to). Default none: the server's. */
        public Builder uploadGroup(String value) {
            uploadGroup = value;
            return this;
        }

        /** A command run as {@code COMMAND PATH} after each stored upload; non-zero exit rejects it. Default none. */
        public Builder onUpload(String value) {
            onUpload = value;
            return this;
        }

        /** How long {@link #onUpload} may run; then it is killed and the file rejected. Default 60s. */
        public Builder onUploadTimeout(Duration value) {
            onUploadTimeout = value;
            return this;
        }

        /** Where rejected uploads are moved. Default none: they are deleted. */
        public Builder quarantineDirectory(Path value) {
            quarantineDirectory = value;
            return this;
        }

        public UploadConfig build() {
            return new UploadConfig(maxUploadSize, minFreeSpace, maxDropBoxSize, keepPartialUploads,
                    uploadNamePattern, denyUploadNames, uploadRename, uploadMode, uploadGroup, onUpload,
                    onUploadTimeout, quarantineDirectory);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "UploadConfig[maxUploadSize=%d, minFreeSpace=%s, maxDropBoxSize=%d,"
                + " rename=%b, mode=%o, group=%s, onUpload=%s]", maxUploadSize,
                minFreeSpace == AUTO_MIN_FREE_SPACE ? "auto" : Long.toString(minFreeSpace), maxDropBoxSize,
                uploadRename, uploadMode, uploadGroup, onUpload);
    }
}

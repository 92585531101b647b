package io.github.anonftp.accesslog;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.apache.ftpserver.FtpServerConfigurationException;

import io.github.anonftp.Settings;

/** Builds the {@link AccessLog} an {@link AccessLogConfig} describes. */
public final class AccessLogs {

    private AccessLogs() {
    }

    /** The access log for {@code config}, with the format and privacy it names. */
    public static AccessLog create(AccessLogConfig config) {
        Settings.required("accessLog", config);
        AccessLogFormat format = config.format() == RecordFormat.XFERLOG
                ? new XferlogFormat(config.maxFieldLength(), config.xferlogZone())
                : new JsonLinesFormat(config.maxFieldLength());
        return create(config, format, Privacy.of(config)::apply);
    }

    /**
     * The access log for {@code config}: none ({@link AccessLog#disabled()}) for destination {@code none}, else one
     * writing to the SLF4J logger {@link AccessLogConfig#loggerName()}, standard output, or a file, with a queue of
     * {@link AccessLogConfig#queueCapacity()} events.
     *
     * @throws FtpServerConfigurationException when the destination is a file that cannot be written
     */
    public static AccessLog create(AccessLogConfig config, AccessLogFormat format,
            UnaryOperator<AccessEvent> privacy) {
        Settings.required("accessLog", config);
        // Checked before the writer exists, so that a file is not left open.
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(privacy, "privacy");
        if (config.destination().equals(AccessLogConfig.NONE)) {
            return AccessLog.disabled();
        }
        return new AccessLog(format, privacy, writer(config), config.queueCapacity());
    }

    private static AccessLogWriter writer(AccessLogConfig config) {
        String destination = config.destination();
        if (destination.equals(AccessLogConfig.SLF4J)) {
            return new Slf4jAccessLogWriter(config.loggerName());
        }
        if (destination.equals(AccessLogConfig.STDOUT)) {
            return StreamAccessLogWriter.stdout();
        }
        Path file;
        try {
            file = Path.of(destination);
        } catch (InvalidPathException e) {
            throw Settings.invalid("accessLog.destination", destination, "a writable file path", e);
        }
        return new FileAccessLogWriter(file);
    }
}

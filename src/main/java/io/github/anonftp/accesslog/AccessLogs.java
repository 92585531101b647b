package io.github.anonftp.accesslog;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.apache.ftpserver.FtpServerConfigurationException;

import io.github.anonftp.Settings;

/** Builds the {@link AccessLog} an {@link AccessLogConfig} describes. */
public final class AccessLogs {

    private AccessLogs() {
    }

    /** The access log for {@code config}, with the formats and privacy it names. */
    public static AccessLog create(AccessLogConfig config) {
        Settings.required("accessLog", config);
        return create(config, format(config, config.format()), Privacy.of(config)::apply);
    }

    /**
     * The access log for {@code config}: none ({@link AccessLog#disabled()}) when no destination is left (destination
     * {@code none} and no {@link AccessLogConfig#extraDestinations()}), else one writing {@code format}'s lines to
     * {@link AccessLogConfig#destination()} (the SLF4J logger {@link AccessLogConfig#loggerName()}, standard output,
     * or a file) and each extra destination in its own format, with a queue of {@link AccessLogConfig#queueCapacity()}
     * events. Destinations of one format share its lines: an event is formatted once per format.
     *
     * @throws FtpServerConfigurationException when a destination is a file that cannot be written
     */
    public static AccessLog create(AccessLogConfig config, AccessLogFormat format,
            UnaryOperator<AccessEvent> privacy) {
        Settings.required("accessLog", config);
        // Checked before the writers exist, so that no file is left open.
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(privacy, "privacy");
        Map<RecordFormat, AccessLogFormat> formats = new EnumMap<>(RecordFormat.class);
        List<AccessLog.Destination> destinations = new ArrayList<>();
        try {
            if (!config.destination().equals(AccessLogConfig.NONE)) {
                destinations.add(new AccessLog.Destination(config.destination(), format,
                        writer(config, config.destination(), "accessLog.destination")));
                formats.put(config.format(), format);
            }
            for (AccessLogConfig.Destination extra : config.extraDestinations()) {
                AccessLogFormat shared = formats.computeIfAbsent(extra.format(), f -> format(config, f));
                destinations.add(new AccessLog.Destination(extra.destination(), shared,
                        writer(config, extra.destination(), "accessLog.extraDestinations")));
            }
        } catch (RuntimeException e) {
            for (AccessLog.Destination opened : destinations) {
                closeQuietly(opened.writer(), e);
            }
            throw e;
        }
        if (destinations.isEmpty()) {
            return AccessLog.disabled();
        }
        return new AccessLog(destinations, privacy, config.queueCapacity());
    }

    private static AccessLogFormat format(AccessLogConfig config, RecordFormat format) {
        return format == RecordFormat.XFERLOG ? new XferlogFormat(config.maxFieldLength(), config.xferlogZone())
                : new JsonLinesFormat(config.maxFieldLength());
    }

    private static void closeQuietly(AccessLogWriter writer, RuntimeException failure) {
        try {
            writer.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    private static AccessLogWriter writer(AccessLogConfig config, String destination, String setting) {
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
            throw Settings.invalid(setting, destination, "a writable file path", e);
        }
        return new FileAccessLogWriter(file, setting);
    }
}

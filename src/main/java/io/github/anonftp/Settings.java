package io.github.anonftp;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.apache.ftpserver.FtpServerConfigurationException;

/**
 * Parses and checks configuration values with one error format for every setting, whether it
 * comes from a builder, a Spring XML property or a command-line flag.
 *
 * <p>Every failure is an {@link FtpServerConfigurationException} whose message names the setting,
 * the bad value and what would be valid, for example
 * {@code anonymous.maxSessions: -1 is out of range; expected 0..100000 (0 = unlimited)}.
 */
public final class Settings {

    private Settings() {
    }

    /** The standard failure: {@code setting: "value" is not valid; expected ...}. */
    public static FtpServerConfigurationException invalid(String setting, Object value, String expected) {
        return new FtpServerConfigurationException(
                setting + ": " + show(value) + " is not valid; expected " + expected);
    }

    /** Like {@link #invalid(String, Object, String)}, keeping the cause. */
    public static FtpServerConfigurationException invalid(String setting, Object value, String expected,
            Throwable cause) {
        return new FtpServerConfigurationException(
                setting + ": " + show(value) + " is not valid; expected " + expected, cause);
    }

    public static <T> T required(String setting, T value) {
        if (value == null) {
            throw new FtpServerConfigurationException(setting + ": no value given; a value is required");
        }
        return value;
    }

    public static int checkRange(String setting, int value, int min, int max) {
        return checkRange(setting, value, min, max, "");
    }

    /** Checks {@code min <= value <= max}; {@code hint} (may be empty) is appended in parentheses. */
    public static int checkRange(String setting, int value, int min, int max, String hint) {
        if (value < min || value > max) {
            throw outOfRange(setting, value, min + ".." + max, hint);
        }
        return value;
    }

    public static long checkRange(String setting, long value, long min, long max, String hint) {
        if (value < min || value > max) {
            throw outOfRange(setting, value, min + ".." + max, hint);
        }
        return value;
    }

    /** Checks {@code min <= value <= max} for durations. */
    public static Duration checkRange(String setting, Duration value, Duration min, Duration max) {
        required(setting, value);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw outOfRange(setting, format(value), format(min) + ".." + format(max), "");
        }
        return value;
    }

    private static FtpServerConfigurationException outOfRange(String setting, Object value, String range,
            String hint) {
        String suffix = hint == null || hint.isEmpty() ? "" : " (" + hint + ")";
        return new FtpServerConfigurationException(
                setting + ": " + value + " is out of range; expected " + range + suffix);
    }

    /** Requires a non-blank string with no control characters. */
    public static String checkText(String setting, String value) {
        required(setting, value);
        if (value.isBlank() || value.chars().anyMatch(Character::isISOControl)) {
            throw invalid(setting, value, "a non-blank text without control characters");
        }
        return value;
    }

    /** Requires an existing, readable directory and returns its absolute, normalised path. */
    public static Path checkDirectory(String setting, Path value) {
        required(setting, value);
        Path absolute = value.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new FtpServerConfigurationException(
                    setting + ": \"" + value + "\" does not exist or is not a directory;"
                            + " expected an existing readable directory");
        }
        if (!Files.isReadable(absolute)) {
            throw new FtpServerConfigurationException(
                    setting + ": \"" + value + "\" is not readable; expected an existing readable directory");
        }
        return absolute;
    }

    /**
     * Parses a duration: a whole number with a unit ({@code 500ms}, {@code 30s}, {@code 10m},
     * {@code 24h}, {@code 7d}) or an ISO-8601 duration ({@code PT10M}).
     */
    public static Duration parseDuration(String setting, String text) {
        String expected = "a duration such as 500ms, 30s, 10m, 24h, 7d or PT10M";
        String value = required(setting, text).strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("pt") || value.startsWith("p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(setting, text, expected, e);
            }
        }
        int split = 0;
        while (split < value.length() && Character.isDigit(value.charAt(split))) {
            split++;
        }
        if (split == 0 || split > 12) {
            throw invalid(setting, text, expected);
        }
        long amount = Long.parseLong(value.substring(0, split));
        switch (value.substring(split).strip()) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
            case "min":
                return Duration.ofMinutes(amount);
            case "h":
                return Duration.ofHours(amount);
            case "d":
                return Duration.ofDays(amount);
            default:
                throw invalid(setting, text, expected);
        }
    }

    /**
     * Formats a duration the way {@link #parseDuration} reads it back ({@code 10m}, {@code 1500ms}); one finer than
     * a millisecond as ISO-8601 ({@code PT0.0000015S}), which it reads back too. A negative one, never a valid
     * setting, is shown with a minus sign for messages ({@code -1s}).
     */
    public static String format(Duration duration) {
        if (duration.isNegative() && !duration.equals(Duration.ofSeconds(Long.MIN_VALUE))) {
            return "-" + format(duration.negated());
        }
        if (duration.isNegative() || duration.getNano() % 1_000_000 != 0) {
            return duration.toString();
        }
        long seconds = duration.getSeconds(); // not toMillis(): that overflows past 292 million years
        if (duration.getNano() != 0) {
            return seconds <= Long.MAX_VALUE / 1000 - 1 ? seconds * 1000 + duration.getNano() / 1_000_000 + "ms"
                    : duration.toString();
        }
        if (seconds % 86_400 == 0 && seconds != 0) {
            return seconds / 86_400 + "d";
        }
        if (seconds % 3_600 == 0 && seconds != 0) {
            return seconds / 3_600 + "h";
        }
        if (seconds % 60 == 0 && seconds != 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /**
     * Parses a byte size or rate: a whole number of bytes, optionally with a unit {@code KiB},
     * {@code MiB}, {@code GiB} (powers of 1024) or {@code kB}, {@code MB}, {@code GB} (powers of 1000).
     */
    public static long parseSize(String setting, String text) {
        String expected = "a whole number of bytes, optionally with a unit: 512KiB, 10MiB, 1GiB, 500kB, 2MB";
        String value = required(setting, text).strip();
        int split = 0;
        while (split < value.length() && Character.isDigit(value.charAt(split))) {
            split++;
        }
        if (split == 0 || split > 15) {
            throw invalid(setting, text, expected);
        }
        long amount = Long.parseLong(value.substring(0, split));
        String unit = value.substring(split).strip();
        long factor;
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "":
            case "b":
                factor = 1;
                break;
            case "kib":
                factor = 1L << 10;
                break;
            case "mib":
                factor = 1L << 20;
                break;
            case "gib":
                factor = 1L << 30;
                break;
            case "kb":
                factor = 1000;
                break;
            case "mb":
                factor = 1_000_000;
                break;
            case "gb":
                factor = 1_000_000_000;
                break;
            default:
                throw invalid(setting, text, expected);
        }
        try {
            return Math.multiplyExact(amount, factor);
        } catch (ArithmeticException e) {
            throw invalid(setting, text, expected, e);
        }
    }

    /** Parses a whole number within {@code min..max}. */
    public static int parseInt(String setting, String text, int min, int max) {
        String value = required(setting, text).strip();
        try {
            return checkRange(setting, Integer.parseInt(value), min, max);
        } catch (NumberFormatException e) {
            throw invalid(setting, text, "a whole number in " + min + ".." + max, e);
        }
    }

    /** Parses a boolean: {@code true}/{@code false}, {@code yes}/{@code no}, {@code on}/{@code off}. */
    public static boolean parseBoolean(String setting, String text) {
        switch (required(setting, text).strip().toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "on":
                return true;
            case "false":
            case "no":
            case "off":
                return false;
            default:
                throw invalid(setting, text, "true or false");
        }
    }

    /** Parses an enum constant in any case, with {@code -} read as {@code _}. */
    public static <E extends Enum<E>> E parseEnum(String setting, String text, Class<E> type) {
        String value = required(setting, text).strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw invalid(setting, text, "one of " + Arrays.stream(type.getEnumConstants())
                .map(Enum::name).collect(Collectors.joining(", ")));
    }

    /**
     * Splits a list separated by commas and/or whitespace (Java's: {@link Character#isWhitespace}, so that no entry
     * starts or ends with a character {@link String#strip()} would remove); blank entries are dropped.
     */
    public static List<String> parseList(String setting, String text) {
        required(setting, text);
        List<String> items = new ArrayList<>();
        for (String item : text.split("[,\\s\\p{javaWhitespace}]+")) {
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        return List.copyOf(items);
    }

    private static String show(Object value) {
        if (value instanceof CharSequence) {
            return "\"" + printable(value.toString()) + "\"";
        }
        return String.valueOf(value);
    }

    /**
     * Makes a configuration value safe to print in one line: controls and the Unicode line and paragraph
     * separators become {@code \\uXXXX}, capped at 200.
     */
    static String printable(String value) {
        StringBuilder out = new StringBuilder(Math.min(value.length(), 200));
        for (int i = 0; i < value.length() && out.length() < 200; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= 200) {
            out.append("...");
        }
        return out.toString();
    }
}

package io.github.anonftp.ratelimit;

import java.time.Duration;

import io.github.anonftp.Settings;

/**
 * A token-bucket rate: {@code count} events per {@code period}, written {@code 60/1m} or {@code 100/1s};
 * {@code 0} (or {@link #OFF}) means no limit. Tokens refill smoothly (greedily) over the period.
 */
public record Rate(long count, Duration period) {

    public static final Rate OFF = new Rate(0, Duration.ofSeconds(1));

    public Rate {
        if (count < 0 || period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("count >= 0 and a positive period are required");
        }
    }

    public static Rate of(long count, Duration period) {
        return new Rate(count, period);
    }

    public boolean isOff() {
        return count == 0;
    }

    /** Parses {@code N/DURATION} ({@code 60/1m}, {@code 100/1s}, {@code 5/10s}) or {@code 0} for off. */
    public static Rate parse(String setting, String text) {
        String expected = "a rate such as 60/1m or 100/1s (count/period), or 0 for no limit";
        String value = Settings.required(setting, text).strip();
        if (value.equals("0") || value.equalsIgnoreCase("off")) {
            return OFF;
        }
        int slash = value.indexOf('/');
        if (slash <= 0) {
            throw Settings.invalid(setting, text, expected);
        }
        try {
            long count = Long.parseLong(value.substring(0, slash).strip());
            Duration period = Settings.parseDuration(setting, value.substring(slash + 1));
            if (count < 0 || count > 1_000_000_000L || period.isZero() || period.isNegative()) {
                throw Settings.invalid(setting, text, expected);
            }
            return count == 0 ? OFF : new Rate(count, period);
        } catch (NumberFormatException e) {
            throw Settings.invalid(setting, text, expected, e);
        }
    }

    /** Parses {@code SIZE/DURATION} ({@code 1GiB/1d}, {@code 500MB/12h}) or {@code 0} for off: bytes per period. */
    public static Rate parseBytes(String setting, String text) {
        String expected = "a quota such as 1GiB/1d or 500MiB/12h (size/period), or 0 for none";
        String value = Settings.required(setting, text).strip();
        if (value.equals("0") || value.equalsIgnoreCase("off")) {
            return OFF;
        }
        int slash = value.indexOf('/');
        if (slash <= 0) {
            throw Settings.invalid(setting, text, expected);
        }
        long bytes = Settings.parseSize(setting, value.substring(0, slash));
        Duration period = Settings.parseDuration(setting, value.substring(slash + 1));
        if (period.isZero() || period.isNegative() || period.compareTo(Duration.ofDays(366)) > 0) {
            throw Settings.invalid(setting, text, expected + "; the period at most 366d");
        }
        return bytes == 0 ? OFF : new Rate(bytes, period);
    }

    @Override
    public String toString() {
        return isOff() ? "0" : count + "/" + Settings.format(period);
    }
}

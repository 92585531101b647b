package io.github.anonftp.accesslog;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * wu-ftpd {@code xferlog(5)}: one line per {@link EventType#TRANSFER transfer}, nothing for other events. The
 * line is the ctime(3) date (five tokens) and thirteen more fields separated by single spaces, eighteen tokens
 * in all. Client text (the file name and the user name) has white space replaced by {@code _} and controls by
 * {@code ?}, so that no column can move. Thread-safe.
 */
public final class XferlogFormat implements AccessLogFormat {

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS =
        {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private final int maxFieldLength;
    private final DateTimeFormatter ctime;

    /**
     * @param maxFieldLength client strings longer than this many chars are cut, with a mark
     * @param zone           the time zone of the local date at the start of each line
     */
    public XferlogFormat(int maxFieldLength, ZoneId zone) {
        if (maxFieldLength < 1) {
            throw new IllegalArgumentException("maxFieldLength is " + maxFieldLength + "; expected at least 1");
        }
        this.maxFieldLength = maxFieldLength;
        this.ctime = ctimeFormatter().withZone(Objects.requireNonNull(zone, "zone"));
    }

    /** ctime(3)'s {@code Tue Nov  4 00:39:11 2026}: English names whatever the locale, the day padded with a space. */
    private static DateTimeFormatter ctimeFormatter() {
        return new DateTimeFormatterBuilder()
                .appendText(ChronoField.DAY_OF_WEEK, names(DAYS))
                .appendLiteral(' ')
                .appendText(ChronoField.MONTH_OF_YEAR, names(MONTHS))
                .appendLiteral(' ')
                .padNext(2)
                .appendValue(ChronoField.DAY_OF_MONTH)
                .appendPattern(" HH:mm:ss ")
                .appendValue(ChronoField.YEAR, 4, 10, SignStyle.NORMAL)
                .toFormatter(Locale.ROOT);
    }

    private static Map<Long, String> names(String[] names) {
        Map<Long, String> map = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            map.put(i + 1L, names[i]);
        }
        return map;
    }

    /** The xferlog line of a transfer, or null for any other event. */
    @Override
    public String format(AccessEvent event) {
        if (event.type() != EventType.TRANSFER) {
            return null;
        }
        boolean guest = event.isGuest();
        String user = guest ? event.email() : event.account();
        return String.join(" ",
                ctime.format(event.timestamp()),
                Long.toString(seconds(event.durationMs())),
                column(event.ip()),
                Long.toString(event.bytes() == null ? 0 : event.bytes()),
                column(event.path()),
                "a".equals(event.transferType()) ? "a" : "b",
                "_",
                event.direction() == Direction.UPLOAD ? "i" : "o",
                guest ? "a" : "r",
                user == null ? "*" : column(user),
                "ftp",
                "0",
                "*",
                event.status() == TransferStatus.COMPLETE ? "c" : "i");
    }

    /** Whole seconds rounded up and at least 1, as vsftpd writes them. */
    static long seconds(Long durationMs) {
        long ms = durationMs == null ? 0 : durationMs;
        return Math.max(1, ms / 1000 + (ms % 1000 > 0 ? 1 : 0));
    }

    /** Client text as one column: controls to {@code ?}, other white space to {@code _}, empty to {@code _}. */
    private String column(String raw) {
        String text = Sanitizer.clean(raw, maxFieldLength);
        if (text == null || text.isEmpty()) {
            return "_";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(replacement(c)));
        return out.toString();
    }

    private static int replacement(int c) {
        if (Character.getType(c) == Character.CONTROL) {
            return '?';
        }
        return Character.isWhitespace(c) || Character.isSpaceChar(c) ? '_' : c;
    }
}

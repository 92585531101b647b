package io.github.anonftp.anonymous;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import org.apache.ftpserver.ftplet.FtpFile;

/**
 * A guest's {@code LIST} output, in the layout of FtpServer's own {@code LISTFileFormater}
 * ({@code ls -l}: directories first, then files, each sorted by name as FtpServer's native file system
 * does), but with the modes a C server shows anonymous users: archive files {@code -r--r--r--}, directories {@code dr-xr-xr-x}, the
 * drop box {@code d-wx-wx-wx}. FtpServer derives the mode from {@code isReadable()}/{@code isWritable()}
 * for the owner only ({@code -r--------}), which mirror tools such as lftp copy to the local side.
 *
 * <p>Reads each file's attributes from what the listing already read (one {@code lstat} per entry), and
 * formats dates without a {@code Calendar} per line (FtpServer makes a {@code GregorianCalendar} for
 * each). Times are in the server's default time zone, as FtpServer's; entries more than about six months
 * from now show the year instead of the time. Thread-safe (no state).
 */
public final class GuestListing {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    private static final long SIX_MONTHS_MILLIS = 183L * 24 * 60 * 60 * 1000;
    private static final String SIZE_PAD = "            ";
    private static final Comparator<FtpFile> BY_NAME = Comparator.comparing(FtpFile::getName);

    private final ZoneRules zone;
    private final long now;

    private GuestListing(ZoneRules zone, long now) {
        this.zone = zone;
        this.now = now;
    }

    /** A listing made now, in the server's default time zone. */
    public static GuestListing now() {
        return new GuestListing(ZoneId.systemDefault().getRules(), System.currentTimeMillis());
    }

    /**
     * The lines for {@code files}: directories, then the rest, skipping hidden ones (names starting with a
     * dot) unless {@code all}, and names {@code pattern} does not match (null: every name).
     */
    public String format(List<? extends FtpFile> files, boolean all, Predicate<String> pattern) {
        FtpFile[] sorted = files.toArray(new FtpFile[0]);
        if (!inOrder(sorted)) { // a guest directory's list() is sorted already
            Arrays.sort(sorted, Comparator.nullsLast(BY_NAME));
        }
        StringBuilder out = new StringBuilder(sorted.length * 72);
        for (int pass = 0; pass < 2; pass++) {
            boolean directories = pass == 0;
            for (FtpFile file : sorted) {
                if (file != null && file.isDirectory() == directories && (all || !file.isHidden())
                        && (pattern == null || pattern.test(file.getName()))) {
                    line(out, file);
                }
            }
        }
        return out.toString();
    }

    private static boolean inOrder(FtpFile[] files) {
        for (int i = 1; i < files.length; i++) {
            if (files[i - 1] == null || files[i] == null || BY_NAME.compare(files[i - 1], files[i]) > 0) {
                return false;
            }
        }
        return files.length == 0 || files[0] != null;
    }

    private void line(StringBuilder out, FtpFile file) {
        out.append(mode(file)).append("   ").append(file.getLinkCount()).append(' ')
                .append(file.getOwnerName()).append(' ').append(file.getGroupName()).append(' ');
        long size = file.isFile() ? file.getSize() : 0;
        String sizeText = Long.toString(size);
        if (sizeText.length() < SIZE_PAD.length()) {
            out.append(SIZE_PAD, 0, SIZE_PAD.length() - sizeText.length());
        }
        out.append(sizeText).append(' ');
        date(out, file.getLastModified());
        out.append(' ').append(file.getName()).append("\r\n");
    }

    private static String mode(FtpFile file) {
        if (file instanceof GuestFtpFile && ((GuestFtpFile) file).area() == GuestArea.DROP_BOX) {
            return "d-wx-wx-wx";
        }
        if (file.isDirectory()) {
            return "dr-xr-xr-x";
        }
        return file.isFile() ? "-r--r--r--" : "----------";
    }

    /** {@code Mmm dd hh:mm} within six months of now, else {@code Mmm dd  yyyy}; as FtpServer's DateUtils. */
    private void date(StringBuilder out, long millis) {
        if (millis < 0) {
            out.append("------------");
            return;
        }
        Instant instant = Instant.ofEpochMilli(millis);
        ZoneOffset offset = zone.getOffset(instant);
        LocalDateTime time = LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000), 0, offset);
        out.append(MONTHS[time.getMonthValue() - 1]).append(' ');
        if (time.getDayOfMonth() < 10) {
            out.append(' ');
        }
        out.append(time.getDayOfMonth()).append(' ');
        if (Math.abs(now - millis) > SIX_MONTHS_MILLIS) {
            out.append(' ').append(time.getYear());
        } else {
            twoDigits(out, time.getHour()).append(':');
            twoDigits(out, time.getMinute());
        }
    }

    private static StringBuilder twoDigits(StringBuilder out, int value) {
        return (value < 10 ? out.append('0') : out).append(value);
    }
}

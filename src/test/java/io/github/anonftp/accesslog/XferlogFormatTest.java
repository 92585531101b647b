package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class XferlogFormatTest {

    private static final int TRANSFER_TIME = 5;
    private static final int FILENAME = 8;
    private static final int USERNAME = 13;

    private final XferlogFormat format = new XferlogFormat(256, ZoneOffset.UTC);

    private static String[] tokens(String line) {
        return line.split(" ", -1);
    }

    @Test
    void aGuestDownloadIsOneLineWithTheSuppliedAddressAsUserName() {
        assertThat(format.format(Events.guestDownload("jane@example.org"))).isEqualTo(
                "Tue Nov 24 00:39:11 2026 2 192.0.2.7 1234 /pub/README b _ o a jane@example.org ftp 0 * c");
    }

    @Test
    void aRealUsersIncompleteAsciiUploadUsesTheAccount() {
        AccessEvent upload = Events.of(EventType.TRANSFER).direction(Direction.UPLOAD).path("/home/joe/notes.txt")
                .bytes(10L).durationMs(200L).transferType("a").status(TransferStatus.INCOMPLETE).account("joe").build();
        assertThat(format.format(upload)).isEqualTo(
                "Tue Nov 24 00:39:11 2026 1 192.0.2.7 10 /home/joe/notes.txt a _ i r joe ftp 0 * i");
    }

    @Test
    void singleDigitDaysArePaddedWithASpaceAsCtimeDoes() {
        AccessEvent early = AccessEvent.of(EventType.TRANSFER, Instant.parse("2026-11-04T07:05:09Z"), "s", "::1", 1)
                .account("anonymous").build();
        assertThat(format.format(early)).startsWith("Wed Nov  4 07:05:09 2026 1 ::1 0 _ b _ o a * ftp 0 * i");
    }

    @Test
    void theDateIsLocalToTheConfiguredZone() {
        XferlogFormat berlin = new XferlogFormat(256, ZoneId.of("Europe/Berlin"));
        assertThat(berlin.format(Events.guestDownload("j@example.org"))).startsWith("Tue Nov 24 01:39:11 2026 2 ");
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "1, 1", "999, 1", "1000, 1", "1001, 2", "59999, 60", "-5, 1"})
    void transferTimeIsWholeSecondsRoundedUpAndAtLeastOne(long durationMs, long seconds) {
        AccessEvent transfer = Events.guestDownload("j@example.org").toBuilder().durationMs(durationMs).build();
        assertThat(tokens(format.format(transfer))[TRANSFER_TIME]).isEqualTo(Long.toString(seconds));
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = "TRANSFER", mode = EnumSource.Mode.EXCLUDE)
    void onlyTransfersAreRecorded(EventType type) {
        assertThat(format.format(Events.of(type).account("anonymous").email("j@example.org").build())).isNull();
    }

    @Test
    void aForgedPasswordStaysOneField() {
        String forged = format.format(Events.guestDownload("joe smith c ftp 1 * i@example.org"));
        assertThat(forged).isEqualTo("Tue Nov 24 00:39:11 2026 2 192.0.2.7 1234 /pub/README b _ o a"
                + " joe_smith_c_ftp_1_*_i@example.org ftp 0 * c");
        assertThat(tokens(forged)).hasSize(18);
    }

    @Test
    void aForgedFileNameStaysOneField() {
        AccessEvent transfer = Events.guestDownload("j@example.org").toBuilder()
                .path("/pub/a 1 192.0.2.1 99 /etc/passwd b _ o r root ftp 0 * c\nTue").build();
        assertThat(tokens(format.format(transfer))[FILENAME])
                .isEqualTo("/pub/a_1_192.0.2.1_99_/etc/passwd_b___o_r_root_ftp_0_*_c?Tue");
    }

    @Test
    void whiteSpaceBecomesUnderscoreAndControlsBecomeQuestionMarks() {
        String user = "a b\u00a0c\u2028d\u2029e\u3000f\u2007g\tx\ry\nz\u0000\u001b\u007f\u0085\u009f!";
        String line = format.format(Events.guestDownload(user));
        assertThat(tokens(line)[USERNAME]).isEqualTo("a_b_c_d_e_f_g?x?y?z?????!");
    }

    @Test
    void emptyClientTextIsWrittenAsUnderscoreAndMissingUserAsStar() {
        AccessEvent transfer = Events.guestDownload("").toBuilder().path("").build();
        assertThat(format.format(transfer))
                .isEqualTo("Tue Nov 24 00:39:11 2026 2 192.0.2.7 1234 _ b _ o a _ ftp 0 * c");
        AccessEvent dropped = Events.guestDownload(null);
        assertThat(tokens(format.format(dropped))[USERNAME]).isEqualTo("*");
    }

    @Test
    void clientTextIsCappedWithAMark() {
        String line = new XferlogFormat(16, ZoneOffset.UTC).format(Events.guestDownload("x".repeat(40)));
        assertThat(tokens(line)[USERNAME]).isEqualTo("x".repeat(16) + "\u2026[+24]");
    }

    @Test
    void loneSurrogatesAreReplaced() {
        assertThat(tokens(format.format(Events.guestDownload("a\uD800@example.org")))[USERNAME])
                .isEqualTo("a\uFFFD@example.org");
    }

    @Test
    void noRandomInputMovesAColumn() {
        char[] alphabet = (" \t\r\n\u000b\u000c\u001c\u0000\u007f\u0085\u00a0\u1680\u2000\u2028\u2029\u202f"
                + "\u3000\uD800a").toCharArray();
        Random random = new Random(1635);
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder();
            for (int n = random.nextInt(40); n > 0; n--) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            AccessEvent transfer = Events.guestDownload(text.toString()).toBuilder().path(text.toString()).build();
            String line = format.format(transfer);
            assertThat(line.split("\\s+")).as("input %s", i).hasSize(18);
            assertThat(line.chars().filter(c -> Character.isISOControl(c) || Character.isSpaceChar(c) && c != ' '))
                    .isEmpty();
        }
    }
}

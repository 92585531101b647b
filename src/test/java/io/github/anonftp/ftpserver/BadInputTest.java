package io.github.anonftp.ftpserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/** Hostile and broken input over a raw socket: always a proper reply, never a hang or a silent close. */
@Timeout(30)
class BadInputTest {

    static final String REFUSED = "530 Please send your e-mail address as password, for example guest@example.org.\r\n";

    @TempDir
    Path root;
    AnonFtpServer server;
    RawFtp ftp;

    @BeforeEach
    void start() throws Exception {
        server = AnonFtpServer.builder().anonymous(TestArchive.guests(root).build()).build().start();
        ftp = RawFtp.connect("127.0.0.1", server.port());
        assertThat(ftp.reply()).startsWith("220 ");
    }

    @AfterEach
    void stop() throws Exception {
        ftp.close();
        server.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"user@example.com\u0000", "a\rb@example.com", "\u001b[31mred\u001b[0m@example.com",
        "john doe@example.com", "user@exa mple.com", "user@example.com\u2028x", "\u0085user@example.com"})
    void passwordsWithControlCharactersOrSpacesAreRefusedWith530(String password) throws Exception {
        ftp.command("USER anonymous");
        assertThat(ftp.command("PASS " + password)).isEqualTo(REFUSED);
        assertThat(ftp.command("PASS user@example.com")).startsWith("230 ");
    }

    @Test
    void aThousandCharacterPasswordIsRefusedWith530() throws Exception {
        ftp.command("USER anonymous");
        assertThat(ftp.command("PASS " + "a".repeat(990) + "@example.com")).isEqualTo(REFUSED);
        assertThat(ftp.command("NOOP")).startsWith("530 ");
    }

    @Test
    void surroundingSpacesAreIgnored() throws Exception {
        ftp.command("USER anonymous");
        assertThat(ftp.command("PASS  \t user@example.com \t ")).startsWith("230 ");
    }

    @Test
    void aPasswordOfInvalidUtf8IsRefusedAndTheLinesAfterItStillRun() throws Exception {
        ftp.command("USER anonymous");
        ftp.sendBytes(new byte[] {'P', 'A', 'S', 'S', ' ', (byte) 0xff, (byte) 0xfe, '@', 'x', '.', 'o', 'r', 'g',
            '\r', '\n', 'P', 'A', 'S', 'S', ' ', 'u', '@', 'x', '.', 'o', 'r', 'g', '\r', '\n'});
        assertThat(ftp.reply()).isEqualTo(REFUSED);
        assertThat(ftp.reply()).startsWith("230 ");
    }

    @Test
    void invalidUtf8InAnyOtherCommandGetsAnAnswerToo() throws Exception {
        ftp.command("USER anonymous");
        ftp.command("PASS user@example.com");
        ftp.sendBytes(new byte[] {'C', 'W', 'D', ' ', (byte) 0xc3, '(', '\r', '\n'});
        assertThat(ftp.reply()).startsWith("550 ");
        assertThat(ftp.command("PWD")).startsWith("257 ");
    }

    @Test
    void anOverlongLineGets500AndTheLinesBehindItAreNotRun() throws Exception {
        ftp.command("USER anonymous");
        ftp.command("PASS user@example.com");
        ftp.send("NOOP " + "x".repeat(2000) + "\r\nCWD pub\r\n");
        assertThat(ftp.reply()).isEqualTo("500 Command line too long.\r\n");
        assertThat(ftp.isClosedByServer()).isTrue();
    }

    @Test
    void controlCharactersInTheUserNameAreRefused() throws Exception {
        assertThat(ftp.command("USER anon\u0007ymous"))
                .isEqualTo("530 User names cannot contain control characters.\r\n");
        assertThat(ftp.command("USER anonymous\u0000"))
                .isEqualTo("530 User names cannot contain control characters.\r\n");
    }

    @Test
    void controlCharactersInAGuestsFileNameAreRefused() throws Exception {
        ftp.command("USER anonymous");
        ftp.command("PASS user@example.com");
        assertThat(ftp.command("RETR /pub/a\rb")).isEqualTo("501 File names cannot contain control characters.\r\n");
        assertThat(ftp.command("CWD pub\u001b[2J")).isEqualTo("501 File names cannot contain control characters.\r\n");
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        ftp.send("USER anonymous\r\nPASS user@example.com\r\nPWD\r\n");
        assertThat(ftp.reply()).startsWith("331 ");
        assertThat(ftp.reply()).startsWith("230 ");
        assertThat(ftp.reply()).isEqualTo("257 \"/\" is current directory.\r\n");
    }

    @Test
    void bareLineFeedsEndCommandsToo() throws Exception {
        ftp.send("USER anonymous\nPASS user@example.com\n");
        assertThat(ftp.reply()).startsWith("331 ");
        assertThat(ftp.reply()).startsWith("230 ");
    }
}

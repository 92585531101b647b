package io.github.anonftp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.testing.RawFtp;

/** {@code config-samples/strict-email-with-bans.xml}: RFC 5321 addresses only, denied addresses, bans. */
class StrictEmailXmlTest {

    @TempDir
    Path home;

    @Test
    void placeholdersAndDeniedAddressesAreRefusedAndGoodOnesAccepted() throws Exception {
        try (XmlSample sample = XmlSample.copy("strict-email-with-bans.xml", home)) {
            int port = sample.start();
            try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
                assertThat(ftp.reply()).startsWith("220");
                assertThat(ftp.command("USER anonymous")).startsWith("331 ");
                assertThat(ftp.command("PASS guest@")).startsWith("530 ");
                assertThat(ftp.command("USER anonymous")).startsWith("331 ");
                assertThat(ftp.command("PASS someone@mailinator.com")).startsWith("530 ");
            }
            try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
                assertThat(ftp.reply()).startsWith("220");
                assertThat(ftp.command("USER ftp")).startsWith("331 ");
                assertThat(ftp.command("PASS reader@example.org"))
                        .endsWith("230 Guest login ok, access restrictions apply.\r\n");
            }
        }
    }

    @Test
    void fiveFailuresBanTheClient() throws Exception {
        try (XmlSample sample = XmlSample.copy("strict-email-with-bans.xml", home)) {
            int port = sample.start();
            try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
                assertThat(ftp.reply()).startsWith("220");
                for (int i = 0; i < 2; i++) {
                    ftp.command("USER anonymous");
                    assertThat(ftp.command("PASS nobody")).startsWith("530 ");
                }
                ftp.command("USER anonymous");
                String third = ftp.command("PASS nobody");
                assertThat(third).startsWith("530 ");
                assertThat(third + ftp.reply()).contains("421 ");
            }
            try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
                assertThat(ftp.reply()).startsWith("220");
                for (int i = 0; i < 2; i++) {
                    ftp.command("USER anonymous");
                    ftp.command("PASS nobody");
                }
                ftp.command("NOOP"); // answered (or the 421 read) once the last PASS was handled: the ban is in force
            }
            try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
                assertThat(ftp.reply()).startsWith("421 ");
                assertThat(ftp.isClosedByServer()).isTrue();
            }
        }
    }
}

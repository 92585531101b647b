package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/** Active and passive data connections, and RFC 2577 §3 bounce protection. */
@Timeout(30)
class DataConnectionTest {

    @TempDir
    Path root;
    AnonFtpServer server;
    FTPClient guest;

    void start(boolean ipCheck) throws Exception {
        server = AnonFtpServer.builder().anonymous(TestArchive.guests(root).build())
                .dataConnectionIpCheck(ipCheck).build().start();
        guest = TestArchive.guest(server.port());
    }

    @AfterEach
    void stop() {
        TestArchive.quietly(guest);
        server.stop();
    }

    @Test
    void activeModeListsAndDownloads() throws Exception {
        start(true);
        guest.enterLocalActiveMode();
        guest.setActivePortRange(0, 0);
        assertThat(guest.listNames("/pub")).containsExactlyInAnyOrder("README.txt", "data.bin", "sub");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(guest.retrieveFile("/pub/data.bin", out)).isTrue();
        assertThat(out.toByteArray()).isEqualTo(TestArchive.DATA);
    }

    @Test
    void extendedPassiveModeListsAndDownloads() throws Exception {
        start(true);
        guest.setUseEPSVwithIPv4(true);
        assertThat(guest.listFiles("/pub")).extracting(FTPFile::getName).contains("README.txt");
        assertThat(guest.getReplyCode()).isEqualTo(226);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(guest.retrieveFile("/pub/README.txt", out)).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(TestArchive.README);
    }

    @Test
    void asciiTypeListingsAndDownloadsWork() throws Exception {
        start(true);
        assertThat(guest.setFileType(FTP.ASCII_FILE_TYPE)).isTrue();
        assertThat(guest.listFiles("/pub")).extracting(FTPFile::getName)
                .containsExactlyInAnyOrder("README.txt", "data.bin", "sub");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(guest.retrieveFile("/pub/README.txt", out)).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(TestArchive.README);
    }

    @Test
    void portNamingAnotherHostIsRefusedWith501() throws Exception {
        start(true);
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", server.port())) {
            ftp.reply();
            ftp.command("USER anonymous");
            ftp.command("PASS user@example.com");
            assertThat(ftp.command("PORT 127,0,0,2,117,48")).startsWith("501 ");
            assertThat(ftp.command("EPRT |1|127.0.0.2|30000|")).startsWith("501 ");
            assertThat(ftp.command("PORT 127,0,0,1,117,48")).startsWith("200 ");
        }
    }

    @Test
    void theIpCheckCanBeSwitchedOff() throws Exception {
        start(false);
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", server.port())) {
            ftp.reply();
            ftp.command("USER anonymous");
            ftp.command("PASS user@example.com");
            assertThat(ftp.command("PORT 127,0,0,2,117,48")).startsWith("200 ");
        }
    }

    @Test
    void aPassiveConnectionFromAnotherAddressIsNotServed() throws Exception {
        start(true);
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", server.port())) {
            ftp.reply();
            ftp.command("USER anonymous");
            ftp.command("PASS user@example.com");
            String pasv = ftp.command("PASV");
            assertThat(pasv).startsWith("227 ");
            String[] numbers = pasv.substring(pasv.indexOf('(') + 1, pasv.indexOf(')')).split(",");
            int dataPort = Integer.parseInt(numbers[4]) * 256 + Integer.parseInt(numbers[5]);
            try (java.net.Socket thief = new java.net.Socket()) {
                thief.bind(new java.net.InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
                thief.connect(new java.net.InetSocketAddress("127.0.0.1", dataPort), 2000);
                thief.setSoTimeout(3000);
                ftp.send("RETR /pub/README.txt\r\n");
                String reply = ftp.reply();
                int read = thief.getInputStream().read();
                assertThat(read).as("bytes the other host received").isEqualTo(-1);
                assertThat(reply).doesNotStartWith("226");
            }
        }
    }
}

package io.github.anonftp.ftpserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/**
 * Guests' LIST: world-readable modes as the C servers show them, FtpServer's layout otherwise (compared
 * with FtpServer's own LIST of the same directory, which a real account gets on the same server).
 */
@Timeout(30)
class GuestListingTest {

    @TempDir
    Path root;
    @TempDir
    Path etc;
    @TempDir
    Path uploads;
    AnonFtpServer server;
    FTPClient guest;

    @BeforeEach
    void start() throws Exception {
        TestArchive.create(root);
        Files.writeString(root.resolve("pub/.hidden"), "secret", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("pub/notes.txt"), "notes", StandardCharsets.UTF_8);
        Files.writeString(root.resolve("pub/été ü.txt"), "unicode", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(root.resolve("pub/notes.txt"), FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
        Path users = etc.resolve("users.properties");
        Files.writeString(users, String.join("\n",
                "ftpserver.user.alice.userpassword=wonderland",
                "ftpserver.user.alice.homedirectory=" + root.toString().replace("\\", "/"),
                "ftpserver.user.alice.enableflag=true", ""));
        PropertiesUserManagerFactory site = new PropertiesUserManagerFactory();
        site.setFile(users.toFile());
        site.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        server = AnonFtpServer.builder()
                .anonymous(TestArchive.guests(root).uploadDirectory(uploads).uploadPath("/incoming").build())
                .userManager(site.createUserManager()).build().start();
        guest = TestArchive.guest(server.port());
    }

    @AfterEach
    void stop() {
        TestArchive.quietly(guest);
        server.stop();
    }

    static List<String> raw(FTPFile[] files) {
        return Arrays.stream(files).map(FTPFile::getRawListing).collect(Collectors.toList());
    }

    @Test
    void filesAreWorldReadableAndDirectoriesWorldSearchable() throws Exception {
        List<String> lines = raw(guest.listFiles("/pub"));
        assertThat(lines).filteredOn(line -> line.endsWith(" data.bin")).singleElement().asString()
                .startsWith("-r--r--r--   1 ftp ftp         1024 ");
        assertThat(lines).filteredOn(line -> line.endsWith(" sub")).singleElement().asString()
                .startsWith("dr-xr-xr-x   3 ftp ftp            0 ");
        assertThat(raw(guest.listFiles("/"))).filteredOn(line -> line.endsWith(" incoming")).singleElement()
                .asString().startsWith("d-wx-wx-wx");
    }

    @Test
    void theLayoutIsFtpServersApartFromModesAndOwners() throws Exception {
        FTPClient alice = TestArchive.connect(server.port());
        try {
            assertThat(alice.login("alice", "wonderland")).isTrue();
            alice.setControlEncoding("UTF-8");
            guest.setControlEncoding("UTF-8");
            for (String argument : new String[] {"/pub", "/pub/*.txt", "/pub/data.bin", "-la /pub", "/pub/[dn]*"}) {
                List<String> stock = raw(alice.listFiles(argument));
                List<String> ours = raw(guest.listFiles(argument));
                assertThat(ours).as(argument).isNotEmpty().hasSameSizeAs(stock);
                assertThat(ours.stream().map(GuestListingTest::withoutModeAndOwner))
                        .as(argument).containsExactlyElementsOf(
                                stock.stream().map(GuestListingTest::withoutModeAndOwner).collect(Collectors.toList()));
            }
        } finally {
            TestArchive.quietly(alice);
        }
    }

    @Test
    void directoriesComeFirstThenFilesEachByNameWithTheDropBoxInItsPlace() throws Exception {
        for (String name : new String[] {"zeta", "alpha", "mid"}) {
            Files.createDirectory(root.resolve(name));
            Files.writeString(root.resolve(name + ".txt"), name, StandardCharsets.UTF_8);
        }
        FTPFile[] listed = guest.listFiles("/");
        List<String> directories = Arrays.stream(listed).filter(FTPFile::isDirectory).map(FTPFile::getName)
                .collect(Collectors.toList());
        List<String> files = Arrays.stream(listed).filter(FTPFile::isFile).map(FTPFile::getName)
                .collect(Collectors.toList());
        assertThat(directories).contains("alpha", "incoming", "mid", "pub", "zeta").isSorted();
        assertThat(files).contains("alpha.txt", "mid.txt", "zeta.txt").isSorted();
        assertThat(Arrays.stream(listed).map(FTPFile::getName)).containsExactlyElementsOf(
                Stream.concat(directories.stream(), files.stream()).collect(Collectors.toList()));
    }

    private static String withoutModeAndOwner(String line) {
        return line.substring(10).replaceFirst("^( +\\d+) \\S+ \\S+ ", "$1 o g ");
    }

    @Test
    void hiddenFilesNeedTheAOption() throws Exception {
        assertThat(raw(guest.listFiles("/pub"))).noneMatch(line -> line.endsWith(".hidden"));
        assertThat(raw(guest.listFiles("-a /pub"))).anyMatch(line -> line.endsWith(" .hidden"));
    }

    @Test
    void aPatternSelectsNamesAndAWildcardDirectoryIsASyntaxError() throws Exception {
        assertThat(guest.listFiles("/pub/*.bin")).extracting(FTPFile::getName).containsExactly("data.bin");
        assertThat(guest.listFiles("/pub/n?tes.*")).extracting(FTPFile::getName).containsExactly("notes.txt");
        try (RawFtp raw = RawFtp.connect("127.0.0.1", server.port())) {
            raw.reply();
            raw.command("USER anonymous");
            raw.command("PASS tester@example.org");
            assertThat(raw.command("PASV")).startsWith("227 ");
            assertThat(raw.command("LIST /p*/x")).isEqualTo("501 Syntax error in parameters or arguments.\r\n");
            assertThat(raw.command("LIST /missing")).isEqualTo("450 Non-existing file\r\n");
        }
    }

    @Test
    void withoutPasvOrPortTheListingIsRefusedAsFtpServerDoes() throws Exception {
        try (RawFtp raw = RawFtp.connect("127.0.0.1", server.port())) {
            raw.reply();
            raw.command("USER anonymous");
            raw.command("PASS tester@example.org");
            assertThat(raw.command("LIST /pub")).isEqualTo("503 PORT or PASV must be issued first\r\n");
        }
    }

    @Test
    void oldFilesShowTheYearAndTheListEndsWith226() throws Exception {
        assertThat(raw(guest.listFiles("/pub/notes.txt"))).singleElement().asString()
                .matches("-r--r--r--   1 ftp ftp            5 Feb  [23]  2001 notes.txt");
        assertThat(guest.getReplyString()).startsWith("226 Closing data connection.");
    }

    @Test
    void statOfAPathShowsTheSameLinesOnTheControlConnection() throws Exception {
        assertThat(guest.sendCommand("STAT", "/pub")).isEqualTo(212);
        String reply = guest.getReplyString();
        assertThat(reply).startsWith("212-").endsWith("212 End of status.\r\n")
                .contains("-r--r--r--   1 ftp ftp         1024 ").contains("dr-xr-xr-x   3 ftp ftp            0 ");
        assertThat(guest.sendCommand("STAT", "/pub/data.bin")).isEqualTo(213);
        assertThat(guest.getReplyString()).contains("-r--r--r--   1 ftp ftp         1024 ")
                .endsWith(" data.bin\r\n213 End of status.\r\n");
        assertThat(guest.sendCommand("STAT", "/missing")).isEqualTo(450);
    }

    @Test
    void mlsdStillListsTypesAndSizes() throws Exception {
        FTPFile[] files = guest.mlistDir("/pub");
        assertThat(files).extracting(FTPFile::getName).contains("data.bin", "sub", "notes.txt");
        FTPFile data = Arrays.stream(files).filter(f -> f.getName().equals("data.bin")).findFirst().orElseThrow();
        assertThat(data.getSize()).isEqualTo(1024);
        assertThat(data.isFile()).isTrue();
        assertThat(Arrays.stream(files).filter(f -> f.getName().equals("sub")).findFirst().orElseThrow()
                .isDirectory()).isTrue();
    }
}

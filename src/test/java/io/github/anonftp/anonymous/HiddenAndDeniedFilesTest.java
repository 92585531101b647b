package io.github.anonftp.anonymous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.apache.ftpserver.FtpServerConfigurationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.TestArchive;

/**
 * {@code anonymous.hideFiles} and {@code anonymous.denyFiles} against a real server: hidden names are left out of
 * every listing but fetchable, denied ones answer exactly like a name that does not exist, however they are
 * spelled.
 */
@Timeout(30)
class HiddenAndDeniedFilesTest {

    @TempDir
    Path root;
    @TempDir
    Path outside;
    AnonFtpServer server;
    FTPClient guest;

    void start(String hide, String deny) throws Exception {
        TestArchive.create(root);
        write("pub/.hidden.txt", "hidden but fetchable\n");
        write("pub/notes.tmp", "temporary\n");
        write("pub/secret.key", "key\n");
        write("pub/SERVER.KEY", "key\n");
        write("pub/x%2Ekey", "a literal percent name\n");
        write(".git/config", "[core]\n");
        write("private/x", "private\n");
        write("private/sub/y", "private\n");
        Files.createSymbolicLink(root.resolve("pub/link"), Path.of("../private"));
        Path incoming = Files.createDirectories(outside.resolve("incoming"));
        server = AnonFtpServer.builder().anonymous(AnonymousConfig.builder().homeDirectory(root)
                .uploadDirectory(incoming).hideFiles(hide).denyFiles(deny).build()).build().start();
        guest = TestArchive.guest(server.port());
        guest.setListHiddenFiles(true); // LIST -a: FtpServer leaves dot-files out of plain LIST and NLST
    }

    private void write(String path, String content) throws IOException {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), content, StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        if (guest != null) {
            TestArchive.quietly(guest);
        }
        if (server != null) {
            server.stop();
        }
    }

    private List<String> names(FTPFile[] files) {
        return Arrays.stream(files).map(FTPFile::getName).toList();
    }

    @Test
    void byDefaultDotFilesAreListedAsBefore() throws Exception {
        start("", "");
        assertThat(names(guest.listFiles("/pub"))).contains(".hidden.txt", "secret.key");
        assertThat(names(guest.listFiles("/"))).contains(".git", "private", "pub");
        guest.setListHiddenFiles(false);
        assertThat(names(guest.listFiles("/pub"))).doesNotContain(".hidden.txt").contains("secret.key");
    }

    @Test
    void hiddenNamesAreLeftOutOfEveryListingButCanBeFetchedByName() throws Exception {
        start(".*,*.tmp", "");
        assertThat(names(guest.listFiles("/pub"))).doesNotContain(".hidden.txt", "notes.tmp")
                .contains("README.txt", "secret.key");
        assertThat(guest.listNames("/pub")).noneMatch(name -> name.endsWith(".hidden.txt") || name.endsWith(".tmp"));
        assertThat(names(guest.mlistDir("/pub"))).doesNotContain(".hidden.txt", "notes.tmp").contains("README.txt");
        assertThat(guest.sendCommand("STAT", "/pub")).isEqualTo(212);
        assertThat(guest.getReplyString()).contains("README.txt").doesNotContain(".hidden.txt", "notes.tmp");
        assertThat(names(guest.listFiles("/"))).doesNotContain(".git");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(guest.retrieveFile("/pub/.hidden.txt", out)).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hidden but fetchable\n");
        assertThat(guest.changeWorkingDirectory("/.git")).isTrue();
    }

    @Test
    void deniedNamesAreNotListed() throws Exception {
        start("", ".git,*.key,/private/**");
        assertThat(names(guest.listFiles("/pub"))).doesNotContain("secret.key", "SERVER.KEY")
                .contains("README.txt", ".hidden.txt", "x%2Ekey");
        assertThat(names(guest.listFiles("/"))).doesNotContain(".git").contains("pub", "private");
        assertThat(guest.listFiles("/private")).isEmpty();
        assertThat(guest.listFiles("/pub/link")).isEmpty();
        assertThat(guest.listNames("/pub")).noneMatch(name -> name.toLowerCase().endsWith(".key"));
        assertThat(names(guest.mlistDir("/pub"))).doesNotContain("secret.key", "SERVER.KEY");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/pub/secret.key", "/pub/SERVER.KEY", "/pub/Secret.KEY", "/.git/config", "/private/x",
        "/private/sub/y", "/pub/../private/x", "//private/x", "/private/./x", "\\private\\x", "/pub/link/x",
        "/pub/link/sub/y", "/pub/%2e%2e/private/x", "/pub/secret%2Ekey"})
    void everyCommandOnADeniedPathAnswersAsForAMissingName(String path) throws Exception {
        start("", ".git,*.key,/private/**");
        String missing = "/pub/no-such-file";
        for (String command : List.of("RETR", "SIZE", "MDTM", "MLST", "CWD", "STAT", "LIST")) {
            assertThat(reply(command, path))
                    .as("%s %s", command, path)
                    .isEqualTo(reply(command, missing).replace(missing, resolved(path)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/.git", "/.git/.", "/.GIT", "//.git/", "/pub/../.git", "/private/sub", "/pub/link/sub"})
    void aDeniedDirectoryCannotBeEntered(String path) throws Exception {
        start("", ".git,/private/**");
        assertThat(guest.changeWorkingDirectory(path)).as(path).isFalse();
        assertThat(guest.getReplyCode()).isEqualTo(550);
        assertThat(guest.printWorkingDirectory()).isEqualTo("/");
    }

    @Test
    void namesAreLiteralAndMatchedInAnyCase() throws Exception {
        start("", "*.key");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(guest.retrieveFile("/pub/x%2Ekey", out)).isTrue(); // %2E is not a dot
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a literal percent name\n");
        assertThat(guest.retrieveFile("/pub/SERVER.KEY", new ByteArrayOutputStream())).isFalse();
        assertThat(guest.getReplyCode()).isEqualTo(550);
    }

    @Test
    void aDeniedNameCannotBeUploadedToTheDropBox() throws Exception {
        start("", "*.key");
        assertThat(guest.storeFile("/incoming/stolen.key", new ByteArrayInputStream(new byte[] {1}))).isFalse();
        assertThat(guest.getReplyCode()).isEqualTo(550);
        assertThat(outside.resolve("incoming/stolen.key")).doesNotExist();
        assertThat(guest.storeFile("/incoming/fine.txt", new ByteArrayInputStream(new byte[] {1}))).isTrue();
    }

    @Test
    void badGlobsFailAtStartUpNamingTheSetting() {
        assertThatThrownBy(() -> AnonymousConfig.builder().homeDirectory(outside).denyFiles("private/**").build())
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("anonymous.denyFiles: \"private/**\" is not valid; expected PathMatcher globs: a bare"
                        + " name such as .* or *.tmp, or an absolute guest path such as /private/** (a path glob"
                        + " starts with / and does not end with one)");
        assertThatThrownBy(() -> AnonymousConfig.builder().homeDirectory(outside).hideFiles("*.{tmp").build())
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessageStartingWith("anonymous.hideFiles: \"*.{tmp\" is not valid; expected PathMatcher globs");
    }

    /** The guest path FtpServer names in its reply for what the client typed. */
    private static String resolved(String typed) {
        return GuestPaths.resolve("/", typed);
    }

    private String reply(String command, String path) throws IOException {
        guest.changeWorkingDirectory("/");
        if (command.equals("RETR")) {
            guest.retrieveFile(path, new ByteArrayOutputStream());
        } else if (command.equals("LIST")) {
            guest.listFiles(path);
        } else {
            guest.sendCommand(command, path);
        }
        return guest.getReplyString();
    }
}

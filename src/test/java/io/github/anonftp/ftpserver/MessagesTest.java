package io.github.anonftp.ftpserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerConfigurationException;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.listener.ListenerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.AnonymousFileSystemFactory;
import io.github.anonftp.anonymous.AnonymousUserManager;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/**
 * The {@code 220} banner, {@code 250-} directory messages and the {@code 230-} login message from a file, read
 * byte for byte from a real server, with anonftp's listener (level 2) and with FtpServer's own (level 1).
 */
@Timeout(30)
class MessagesTest {

    @TempDir
    Path root;
    @TempDir
    Path files;
    AnonFtpServer server;
    FtpServer stock;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (stock != null) {
            stock.stop();
        }
    }

    private int start(UnaryOperator<AnonymousConfig.Builder> guests) throws Exception {
        TestArchive.create(root);
        Files.writeString(root.resolve(".message"), "Welcome to the top.\n");
        Files.writeString(root.resolve("pub/.message"), "Files in pub.\r\nMirrors: see MIRRORS.\n");
        server = AnonFtpServer.builder().anonymous(guests.apply(AnonymousConfig.builder().homeDirectory(root))
                .build()).build().start();
        return server.port();
    }

    private static RawFtp guest(int port) throws IOException {
        RawFtp ftp = RawFtp.connect("127.0.0.1", port);
        ftp.reply();
        ftp.command("USER anonymous");
        assertThat(ftp.command("PASS reader@example.org")).contains("230 ");
        return ftp;
    }

    @Test
    void theBannerReplacesFtpServersGreeting() throws Exception {
        int port = start(b -> b.banner("ftp.example.org public archive"));
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
            assertThat(ftp.reply()).isEqualTo("220 ftp.example.org public archive\r\n");
        }
    }

    @Test
    void aBannerFileIsSentAs220LinesSanitised() throws Exception {
        Path banner = Files.writeString(files.resolve("banner.txt"),
                "\nWelcome\tto the archive.\u0007\r\n220 not a reply of its own\n" + "x".repeat(300) + "\n\n");
        int port = start(b -> b.bannerFile(banner));
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
            assertThat(ftp.reply()).isEqualTo("220-Welcome to the archive.\r\n220-220 not a reply of its own\r\n"
                    + "220 " + "x".repeat(200) + "\r\n");
        }
    }

    @Test
    void aBannerFileOver4KiBFailsAtStartUp() throws IOException {
        Path banner = Files.writeString(files.resolve("banner.txt"), "y".repeat(4097));
        assertThatThrownBy(() -> AnonymousConfig.builder().bannerFile(banner))
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("anonymous.bannerFile: \"" + banner + "\" has 4097 bytes; expected a readable text file"
                        + " of at most 4096 bytes");
    }

    @Test
    void aDirectoryMessageComesBeforeThe250OncePerDirectory() throws Exception {
        int port = start(b -> b.dirMessage(".message"));
        try (RawFtp ftp = guest(port)) {
            assertThat(ftp.command("CWD /pub")).isEqualTo("250-Files in pub.\r\n250-Mirrors: see MIRRORS.\r\n"
                    + "250 Directory changed to /pub\r\n");
            assertThat(ftp.command("CWD sub")).isEqualTo("250 Directory changed to /pub/sub\r\n");
            assertThat(ftp.command("CDUP")).isEqualTo("250 Directory changed to /pub.\r\n"); // FtpServer's text
            assertThat(ftp.command("CDUP")).isEqualTo("250-Welcome to the top.\r\n250 Directory changed to /.\r\n");
            assertThat(ftp.command("CWD /pub")).isEqualTo("250 Directory changed to /pub\r\n");
        }
        try (RawFtp ftp = guest(port)) { // a new session sees it again
            assertThat(ftp.command("CWD /pub")).startsWith("250-Files in pub.\r\n");
        }
    }

    @Test
    void aFailedChangeShowsNoMessageAndLeavesNoneForLaterReplies() throws Exception {
        int port = start(b -> b.dirMessage(".message"));
        try (RawFtp ftp = guest(port)) {
            assertThat(ftp.command("CWD /missing")).startsWith("550 ");
            assertThat(ftp.command("CWD /pub/README.txt")).startsWith("550 ");
            assertThat(ftp.command("CWD /pub")).startsWith("250-Files in pub.\r\n");
        }
    }

    @Test
    void aMessageIsCappedAt4KiBAndLosesItsControlCharacters() throws Exception {
        int port = start(b -> b.dirMessage(".message"));
        Files.writeString(root.resolve("pub/sub/.message"), ("line\u001b[31m red\u0000\n").repeat(1000));
        try (RawFtp ftp = guest(port)) {
            String reply = ftp.command("CWD /pub/sub");
            assertThat(reply).startsWith("250-line[31m red\r\n").endsWith("250 Directory changed to /pub/sub\r\n")
                    .doesNotContain("\u001b", "\u0000");
            long lines = reply.lines().filter(line -> line.startsWith("250-line")).count();
            assertThat(lines).isLessThanOrEqualTo(4096 / 14 + 1); // 14 bytes a line in the file
        }
    }

    @Test
    void aHiddenOrDeniedMessageFileIsStillShownButNeverListedOrDownloadable() throws Exception {
        int port = start(b -> b.dirMessage(".message").hideFiles(".message").denyFiles("/pub/.message"));
        try (RawFtp ftp = guest(port)) {
            assertThat(ftp.command("CWD /pub")).startsWith("250-Files in pub.\r\n");
            assertThat(ftp.command("SIZE /pub/.message")).isEqualTo(ftp.command("SIZE /pub/none")
                    .replace("/pub/none", "/pub/.message"));
            assertThat(ftp.command("STAT -a /pub")).doesNotContain(".message");
            assertThat(ftp.command("STAT -a /")).doesNotContain(".message");
            assertThat(ftp.command("CDUP")).startsWith("250-Welcome to the top.\r\n");
        }
    }

    @Test
    void aMessageLinkLeadingOutOfTheHomeIsNotShown() throws Exception {
        Path outside = Files.writeString(files.resolve("secret.txt"), "outside the archive\n");
        int port = start(b -> b.dirMessage(".message"));
        Files.createSymbolicLink(root.resolve("pub/sub/.message"), outside);
        try (RawFtp ftp = guest(port)) {
            assertThat(ftp.command("CWD /pub/sub")).isEqualTo("250 Directory changed to /pub/sub\r\n");
        }
    }

    @Test
    void aLoginMessageFileIsShownAs230Lines() throws Exception {
        Path message = Files.writeString(files.resolve("welcome.txt"),
                "Welcome, guest.\r\nAll transfers are logged.\n");
        int port = start(b -> b.loginMessageFile(message));
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
            ftp.reply();
            ftp.command("USER anonymous");
            assertThat(ftp.command("PASS reader@example.org")).isEqualTo("230-Welcome, guest.\r\n"
                    + "230-All transfers are logged.\r\n230 Guest login ok, access restrictions apply.\r\n");
        }
    }

    @Test
    void withFtpServersOwnListenerTheLinesComeBeforeItsReplies() throws Exception {
        TestArchive.create(root);
        Files.writeString(root.resolve("pub/.message"), "Files in pub.\n");
        AnonymousConfig guests = AnonymousConfig.builder().homeDirectory(root).banner("Public archive\nWelcome")
                .dirMessage(".message").build();
        FtpServerFactory factory = new FtpServerFactory();
        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setMaxAnonymousLogins(Integer.MAX_VALUE);
        factory.setConnectionConfig(connections.createConnectionConfig());
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        factory.addListener("default", listener.createListener());
        factory.setUserManager(new AnonymousUserManager(guests));
        factory.setFileSystem(new AnonymousFileSystemFactory());
        Map<String, Ftplet> ftplets = new LinkedHashMap<>();
        ftplets.put("anonftp", AnonFtplet.builder().build());
        factory.setFtplets(ftplets);
        stock = factory.createServer();
        stock.start();
        int port = factory.getListener("default").getPort();
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
            assertThat(ftp.reply())
                    .isEqualTo("220-Public archive\r\n220-Welcome\r\n220 Service ready for new user.\r\n");
            ftp.command("USER anonymous");
            assertThat(ftp.command("PASS reader@example.org")).startsWith("230 ");
            assertThat(ftp.command("CWD /pub")).isEqualTo("250-Files in pub.\r\n250 Directory changed to /pub\r\n");
            assertThat(ftp.command("CWD /missing")).startsWith("550 ");
        }
    }

    @Test
    void aDirectoryMessageNameMustBeABareName() {
        assertThatThrownBy(() -> AnonymousConfig.builder().homeDirectory(root).dirMessage("../.message").build())
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("anonymous.dirMessage: \"../.message\" is not valid; expected a bare file name such as"
                        + " .message, or empty for none");
    }
}

package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.testing.ExternalProgram;
import io.github.anonftp.testing.ExternalProgram.Result;
import io.github.anonftp.testing.TestArchive;

/**
 * Real FTP clients, each with its own default anonymous password (curl {@code ftp@example.com}, wget
 * {@code -wget@}, lftp {@code lftp@}, Python {@code anonymous@}, NcFTP {@code NcFTP@}), list and download
 * from a server on the default e-mail policy.
 */
@Timeout(120)
class RealClientsTest {

    @TempDir
    static Path root;
    @TempDir
    Path work;
    static AnonFtpServer server;

    @BeforeAll
    static void start() throws Exception {
        server = AnonFtpServer.builder().anonymous(TestArchive.guests(root).build()).build().start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private String url(String path) {
        return "ftp://127.0.0.1:" + server.port() + path;
    }

    private String downloaded(String name) throws Exception {
        return Files.readString(work.resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void curlListsAndDownloads() throws Exception {
        Result list = ExternalProgram.run(work, "", "curl", "-sS", "--max-time", "20", url("/pub/"));
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).contains("README.txt", "data.bin", "sub");
        Result get = ExternalProgram.run(work, "", "curl", "-sS", "--max-time", "20", "-o", "got.txt",
                url("/pub/README.txt"));
        assertThat(get.exitCode()).as(get.output()).isZero();
        assertThat(downloaded("got.txt")).isEqualTo(TestArchive.README);
    }

    @Test
    void curlInActiveModeListsAndDownloads() throws Exception {
        Result get = ExternalProgram.run(work, "", "curl", "-sS", "--max-time", "20", "--ftp-port", "127.0.0.1",
                "-o", "active.txt", url("/pub/README.txt"));
        assertThat(get.exitCode()).as(get.output()).isZero();
        assertThat(downloaded("active.txt")).isEqualTo(TestArchive.README);
    }

    @Test
    void wgetListsAndDownloads() throws Exception {
        Result list = ExternalProgram.run(work, "", "wget", "-q", "--timeout=20", "--tries=1", "--no-remove-listing",
                "-O", "listing.html", url("/pub/"));
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(downloaded("listing.html")).contains("README.txt", "data.bin");
        Result get = ExternalProgram.run(work, "", "wget", "-q", "--timeout=20", "--tries=1", "-O", "got.txt",
                url("/pub/README.txt"));
        assertThat(get.exitCode()).as(get.output()).isZero();
        assertThat(downloaded("got.txt")).isEqualTo(TestArchive.README);
    }

    @Test
    void lftpListsAndDownloads() throws Exception {
        Result result = ExternalProgram.run(work, "", "lftp", "-e",
                "set net:max-retries 1; set net:timeout 10; cls -1 /pub; get /pub/README.txt -o got.txt; bye",
                url(""));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("/pub/README.txt", "/pub/data.bin");
        assertThat(downloaded("got.txt")).isEqualTo(TestArchive.README);
    }

    @Test
    void theClassicFtpClientListsInActiveModeAndDownloads() throws Exception {
        Result result = ExternalProgram.run(work, "ls /pub\nget /pub/README.txt got.txt\nbye\n",
                "tnftp", "-A", "-a", "127.0.0.1", String.valueOf(server.port()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("README.txt", "data.bin");
        assertThat(downloaded("got.txt")).isEqualTo(TestArchive.README);
    }

    @Test
    void ncftpListsAndDownloads() throws Exception {
        Result list = ExternalProgram.run(work, "", "ncftpls", "-t", "20", "-P", String.valueOf(server.port()),
                "ftp://127.0.0.1/pub/");
        assertThat(list.exitCode()).as(list.output()).isZero();
        assertThat(list.output()).contains("README.txt", "data.bin");
        Result get = ExternalProgram.run(work, "", "ncftpget", "-t", "20", "-V", "-P", String.valueOf(server.port()),
                "127.0.0.1", work.toString(), "/pub/README.txt");
        assertThat(get.exitCode()).as(get.output()).isZero();
        assertThat(downloaded("README.txt")).isEqualTo(TestArchive.README);
    }

    @Test
    void pythonFtplibPrintsTheListing() throws Exception {
        String snippet = String.join("\n",
                "import ftplib",
                "ftp = ftplib.FTP(); ftp.connect(\"127.0.0.1\", " + server.port() + ")",
                "ftp.login(\"anonymous\", \"user@example.com\"); print(\" \".join(ftp.nlst())); ftp.close()",
                "");
        Result result = ExternalProgram.run(work, snippet, "python3", "-");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("pub\n");
    }

    @Test
    void pythonFtplibWithItsOwnDefaultPasswordLogsIn() throws Exception {
        String snippet = String.join("\n",
                "import ftplib",
                "ftp = ftplib.FTP(); ftp.connect(\"127.0.0.1\", " + server.port() + ")",
                "print(ftp.login()); print(sorted(ftp.nlst(\"/pub\"))); ftp.close()",
                "");
        Result result = ExternalProgram.run(work, snippet, "python3", "-");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).isEqualTo("230 Guest login ok, access restrictions apply.\n"
                + "['README.txt', 'data.bin', 'sub']\n");
    }
}

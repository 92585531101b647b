package io.github.anonftp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.testing.ExternalProgram;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;
import io.github.anonftp.testing.TestKeystore;

/**
 * The operator's path, for real: the official FtpServer 1.2.1 binary distribution (unpacked by Maven), the
 * drop-in jar copied into {@code common/lib}, a sample from {@code config-samples/} in {@code res/conf}, and
 * {@code bin/ftpd.sh} started as a process, on the Spring 2.5.5 the distribution ships.
 */
@Timeout(120)
class DistributionIT {

    @TempDir
    Path work;
    Process ftpd;

    @AfterEach
    void stop() throws Exception {
        if (ftpd != null) {
            // bin/ftpd.sh runs java as a child, without exec: stop the JVM, then the script.
            ftpd.descendants().forEach(ProcessHandle::destroy);
            ftpd.destroy();
            if (!ftpd.waitFor(15, TimeUnit.SECONDS)) {
                ftpd.descendants().forEach(ProcessHandle::destroyForcibly);
                ftpd.destroyForcibly();
            }
        }
    }

    private Path install(String sample, int port) throws IOException {
        Path home = work.resolve("apache-ftpserver");
        copyTree(Path.of(System.getProperty("anonftp.distribution")), home);
        Path dropin = Path.of(System.getProperty("anonftp.dropinJar"));
        Files.copy(dropin, home.resolve("common/lib").resolve(dropin.getFileName()));
        String xml = Files.readString(Path.of("config-samples", sample), StandardCharsets.UTF_8);
        Files.writeString(home.resolve("res/conf").resolve(sample), xml.replace("value=\"2121\"", "value=\"" + port + "\""));
        Files.createDirectories(home.resolve("res/home/pub"));
        Files.writeString(home.resolve("res/home/pub/README.txt"), TestArchive.README);
        Files.writeString(home.resolve("res/home/pub/upload.tmp"), "partial\n");
        Files.writeString(home.resolve("res/home/pub/server.key"), "secret\n");
        return home;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.naturalOrder())::iterator) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port, Process process, Path output) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                assertThat(process.isAlive()).as("ftpd.sh is running; output: %s", Files.readString(output)).isTrue();
                Thread.sleep(100);
            }
        }
        throw new AssertionError("ftpd.sh did not listen within 60 s: " + Files.readString(output));
    }

    @Test
    void theDropInJarAndASampleRunInTheFtpServerDistribution() throws Exception {
        int port = freePort();
        Path home = install("public-archive.xml", port);
        Path output = work.resolve("ftpd.out");
        ftpd = new ProcessBuilder("bash", home.resolve("bin/ftpd.sh").toString(), "res/conf/public-archive.xml")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        awaitPort(port, ftpd, output);

        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
            assertThat(ftp.reply()).isEqualTo("220 Public archive: anonymous FTP, read-only.\r\n");
            assertThat(ftp.command("USER anonymous"))
                    .isEqualTo("331 Guest login ok, send your complete e-mail address as password.\r\n");
            assertThat(ftp.command("PASS guest")).startsWith("530 Please send your e-mail address");
            assertThat(ftp.command("PASS jane.doe@example.org")).endsWith("230 Guest login ok, access restrictions apply.\r\n");
        }
        FTPClient guest = TestArchive.guest(port);
        try {
            ByteArrayOutputStream readme = new ByteArrayOutputStream();
            assertThat(guest.retrieveFile("/pub/README.txt", readme)).isTrue();
            assertThat(readme.toString(StandardCharsets.UTF_8)).isEqualTo(TestArchive.README);
            assertThat(guest.storeFile("/pub/x.txt", new java.io.ByteArrayInputStream(new byte[] {1}))).isFalse();
            // the sample's file rules: *.tmp hidden from listings, *.key not there at all
            guest.setListHiddenFiles(true);
            assertThat(guest.listNames("/pub")).anyMatch(name -> name.endsWith("README.txt"))
                    .noneMatch(name -> name.endsWith(".tmp") || name.endsWith(".key"));
            assertThat(guest.retrieveFile("/pub/upload.tmp", new ByteArrayOutputStream())).isTrue();
            assertThat(guest.retrieveFile("/pub/server.key", new ByteArrayOutputStream())).isFalse();
            assertThat(guest.getReplyCode()).isEqualTo(550);
        } finally {
            TestArchive.quietly(guest);
        }

        Path log = home.resolve("res/log/ftpd.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(log) && Files.readString(log).contains("\"event\":\"transfer\""))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        String records = Files.readString(log);
        assertThat(records).contains("\"event\":\"login\"", "\"outcome\":\"refused\"", "\"email\":\"guest\"",
                "\"email\":\"jane.doe@example.org\"", "\"event\":\"transfer\"", "\"path\":\"/pub/README.txt\"");
        assertThat(records).doesNotContain("PASS jane", "Exception");
    }

    @Test
    void theStrictSampleBansAClientAfterRepeatedFailuresInTheDistribution() throws Exception {
        int port = freePort();
        Path home = install("strict-email-with-bans.xml", port);
        Path output = work.resolve("ftpd.out");
        ftpd = new ProcessBuilder("bash", home.resolve("bin/ftpd.sh").toString(), "res/conf/strict-email-with-bans.xml")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        awaitPort(port, ftpd, output);
        // The sample: 3 failures close a connection, 5 from one address within 10 minutes ban it.
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port, "127.0.0.77")) {
            ftp.reply();
            ftp.command("USER anonymous");
            for (int failure = 1; failure <= 3; failure++) {
                assertThat(ftp.command("PASS -wget@")).startsWith("530 Please send your own e-mail address");
            }
            assertThat(ftp.reply()).startsWith("421 Too many failed login attempts");
        }
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port, "127.0.0.77")) {
            ftp.reply();
            ftp.command("USER anonymous");
            assertThat(ftp.command("PASS guest@")).startsWith("530 ");
            assertThat(ftp.command("PASS user@mailinator.com")).startsWith("530 This e-mail address is not accepted");
            assertThat(ftp.reply()).startsWith("421 Too many failed logins from your address; try again in 10 minutes.");
        }
        try (RawFtp refused = RawFtp.connect("127.0.0.1", port, "127.0.0.77")) {
            assertThat(refused.reply()).startsWith("421 Too many failed logins from your address");
        }
        try (RawFtp other = RawFtp.connect("127.0.0.1", port, "127.0.0.78")) {
            assertThat(other.reply()).startsWith("220 ");
        }
    }

    @Test
    void thePrivacySampleKeepsAddressesAndFullIpsOutOfEveryLogOfTheDistribution() throws Exception {
        int port = freePort();
        Path home = install("privacy-first-logging.xml", port);
        Files.writeString(home.resolve("res/conf/privacy.secret"), "a-site-secret-of-some-length\n");
        Path output = work.resolve("ftpd.out");
        ftpd = new ProcessBuilder("bash", home.resolve("bin/ftpd.sh").toString(), "res/conf/privacy-first-logging.xml")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        awaitPort(port, ftpd, output);
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
            ftp.reply();
            ftp.command("USER anonymous");
            assertThat(ftp.command("PASS jane.doe@example.org")).contains("230 ");
            assertThat(ftp.command("PWD")).startsWith("257 ");
        }
        Path access = home.resolve("res/log/anonftp-access.jsonl");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(Files.exists(access) && Files.readString(access).contains("\"event\":\"login\""))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        String records = Files.readString(access);
        assertThat(records).contains("\"ip\":\"127.0.0.0\"").containsPattern("\"email\":\"h:[A-Za-z0-9_-]{22}\"");
        String ftpdLog = Files.readString(home.resolve("res/log/ftpd.log"));
        assertThat(ftpdLog).contains("[127.0.0.0]").doesNotContain("[127.0.0.1]");
        assertThat(records + ftpdLog + Files.readString(output)).doesNotContain("jane.doe", "127.0.0.1");
    }

    @Test
    void theDropInJarHoldsWhatTheDistributionLacksRelocatedAndNothingItHas() throws Exception {
        java.util.List<String> entries = new java.util.ArrayList<>();
        try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(System.getProperty("anonftp.dropinJar"))) {
            jar.stream().forEach(entry -> entries.add(entry.getName()));
        }
        assertThat(entries).contains("io/github/anonftp/spring/AnonFtpletFactoryBean.class",
                "io/github/anonftp/ftpserver/AnonFtplet.class");
        assertThat(entries).anyMatch(name -> name.startsWith("io/github/anonftp/shaded/caffeine/"))
                .anyMatch(name -> name.startsWith("io/github/anonftp/shaded/bucket4j/"))
                .anyMatch(name -> name.startsWith("io/github/anonftp/shaded/jackson/"));
        assertThat(entries).noneMatch(name -> name.startsWith("org/apache/ftpserver/")
                || name.startsWith("org/apache/mina/") || name.startsWith("org/slf4j/")
                || name.startsWith("org/springframework/") || name.startsWith("org/junit/")
                || name.startsWith("org/apache/commons/net/") || name.startsWith("picocli/")
                || name.startsWith("com/github/benmanes/") || name.startsWith("com/fasterxml/")
                || name.startsWith("io/github/bucket4j/") || name.startsWith("io/github/anonftp/junit/")
                || name.startsWith("META-INF/versions/"));
    }

    @Test
    void theFtpsSampleServesGuestsOverTlsOnlyInTheDistribution() throws Exception {
        int port = freePort();
        Path home = install("ftps-archive.xml", port);
        TestKeystore.create(home.resolve("res/conf/ftpserver.p12"));
        TestKeystore.passwordFile(home.resolve("res/conf/keystore.password"));
        Files.writeString(home.resolve("res/conf/welcome.txt"), "Encrypted archive.\n");
        Path output = work.resolve("ftpd.out");
        ftpd = new ProcessBuilder("bash", home.resolve("bin/ftpd.sh").toString(), "res/conf/ftps-archive.xml")
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        awaitPort(port, ftpd, output);
        try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
            ftp.reply();
            assertThat(ftp.command("USER anonymous"))
                    .isEqualTo("530 Anonymous sessions must use encryption (AUTH TLS).\r\n");
        }
        ExternalProgram.Result curl = ExternalProgram.run(work, "", "curl", "-sS", "--max-time", "20", "--ssl-reqd",
                "-k", "ftp://127.0.0.1:" + port + "/pub/README.txt");
        assertThat(curl.exitCode()).as(curl.output()).isZero();
        assertThat(curl.output()).isEqualTo(TestArchive.README);
    }
}

package io.github.anonftp.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.testing.RawFtp;

/** The runnable jar carries no JUnit and no commons-net, and a serving server never loads the JUnit extension. */
@Timeout(60)
class ServerJarContentsIT {

    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9.]+):(\\d+)");

    @TempDir
    Path work;

    private static Path jar() {
        return Path.of(System.getProperty("anonftp.serverJar", "target/anonftp-server.jar")).toAbsolutePath();
    }

    @Test
    void theJarHasNoEntriesOfJunitOpentest4jOrCommonsNet() throws Exception {
        List<String> entries;
        try (ZipFile zip = new ZipFile(jar().toFile())) {
            entries = Collections.list(zip.entries()).stream().map(entry -> entry.getName()).toList();
        }
        assertThat(entries).contains("io/github/anonftp/server/Main.class",
                "io/github/anonftp/server/PrometheusEndpoint.class", "io/github/anonftp/metrics/AnonFtpMeterBinder.class");
        assertThat(entries).anyMatch(name -> name.startsWith("io/micrometer/prometheusmetrics/"))
                .anyMatch(name -> name.startsWith("io/prometheus/metrics/"));
        assertThat(entries).noneMatch(name -> name.startsWith("org/junit/"))
                .noneMatch(name -> name.startsWith("org/opentest4j/"))
                .noneMatch(name -> name.startsWith("org/apiguardian/"))
                .noneMatch(name -> name.startsWith("org/apache/commons/net/"));
    }

    @Test
    void aServingServerLoadsNoJunitClasses() throws Exception {
        Path classLog = work.resolve("classes.txt");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + classLog, "-jar", jar().toString(), "--port", "0")
                .directory(work.toFile()).redirectErrorStream(true).start();
        try {
            int port = port(server);
            try (RawFtp ftp = RawFtp.connect("127.0.0.1", port)) {
                assertThat(ftp.reply()).startsWith("220 ");
                ftp.command("USER anonymous");
                assertThat(ftp.command("PASS ci@example.org")).startsWith("230 ");
                ftp.command("QUIT");
            }
        } finally {
            server.destroy();
            assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
        List<String> loaded = Files.readAllLines(classLog);
        assertThat(loaded).anyMatch(line -> line.contains("io.github.anonftp.server.AnonFtpServer "));
        assertThat(loaded).noneMatch(line -> line.contains("io.github.anonftp.junit."))
                .noneMatch(line -> line.contains("org.junit."))
                .noneMatch(line -> line.contains("org.apache.commons.net."));
    }

    private static int port(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            lines.add(line);
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                return Integer.parseInt(listening.group(2));
            }
        }
        throw new AssertionError("the server printed no 'listening on' line: " + lines);
    }
}

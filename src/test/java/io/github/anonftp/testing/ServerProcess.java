package io.github.anonftp.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable server in a child JVM, as an operator runs it: from the test classpath (surefire) or from the
 * shaded jar (failsafe, {@link #jar}). Standard error goes to a file; standard output is read until the
 * {@code listening on} line and then copied to a file too. {@link #close()} stops it with SIGTERM, then
 * forcibly after 10 s.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on ([0-9.]+):(\\d+)");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final int port;
    private final Thread copier;

    private ServerProcess(List<String> command, Path work) throws IOException {
        this.stdout = work.resolve("stdout.txt");
        this.stderr = work.resolve("stderr.txt");
        this.process = new ProcessBuilder(command).directory(work.toFile()).redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> before = new ArrayList<>();
        int found = -1;
        String line;
        while (found < 0 && (line = out.readLine()) != null) {
            before.add(line);
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                found = Integer.parseInt(listening.group(2));
            }
        }
        Files.write(stdout, before, StandardCharsets.UTF_8);
        if (found < 0) {
            process.destroyForcibly();
            throw new AssertionError("the server printed no 'listening on' line; stdout " + before + ", stderr "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        this.port = found;
        this.copier = new Thread(() -> copyRest(out), "server-stdout");
        copier.setDaemon(true);
        copier.start();
    }

    /** {@code io.github.anonftp.server.Main} on this JVM's classpath, with system properties {@code jvmOptions}. */
    public static ServerProcess classpath(Path work, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.github.anonftp.server.Main"));
        command.addAll(List.of(args));
        return new ServerProcess(command, work);
    }

    /** {@code java -jar anonftp-server.jar} (system property {@code anonftp.serverJar}, set by failsafe). */
    public static ServerProcess jar(Path work, List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", Path.of(System.getProperty("anonftp.serverJar", "target/anonftp-server.jar"))
                .toAbsolutePath().toString()));
        command.addAll(List.of(args));
        return new ServerProcess(command, work);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void copyRest(BufferedReader out) {
        try {
            String line;
            while ((line = out.readLine()) != null) {
                Files.writeString(stdout, line + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** Sends SIGTERM and waits for the exit (at most 20 s); returns the exit status. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the server did not stop within 20 s of SIGTERM");
        }
        copier.join(5000);
        return process.exitValue();
    }

    /** Everything the process wrote to standard output and standard error so far. */
    public String output() throws IOException {
        return Files.readString(stdout, StandardCharsets.UTF_8) + Files.readString(stderr, StandardCharsets.UTF_8);
    }

    public String stderr() throws IOException {
        return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}

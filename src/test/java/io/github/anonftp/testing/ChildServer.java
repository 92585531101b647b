package io.github.anonftp.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runnable server in a child JVM, a real process that {@link #kill()} ends with SIGKILL (no shutdown hook
 * runs): either the test classpath's {@code Main} or {@code java -jar target/anonftp-server.jar}. Its port is read
 * from the {@code listening on} line; its output is drained so that it never blocks. {@link #close()} kills it.
 */
public final class ChildServer implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final int port;

    private ChildServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@code Main} from this JVM's class path, with {@code flags}. */
    public static ChildServer fromClassPath(String... flags) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "io.github.anonftp.server.Main"));
        command.addAll(List.of(flags));
        return start(command);
    }

    /** {@code java -jar jar} with {@code flags}. */
    public static ChildServer fromJar(Path jar, String... flags) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx128m", "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(flags));
        return start(command);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static ChildServer start(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while (System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // keep the pipe from filling up
                        }
                    } catch (IOException e) {
                        // the child is gone
                    }
                }, "child-server-output");
                drain.setDaemon(true);
                drain.start();
                return new ChildServer(process, Integer.parseInt(matcher.group(1)));
            }
        }
        process.destroyForcibly();
        throw new AssertionError("the child server did not start:\n" + seen);
    }

    public int port() {
        return port;
    }

    /** SIGKILL, as a crash or power loss would end it; waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the child server did not die within 10 s");
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}

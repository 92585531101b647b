package io.github.anonftp.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} process on a free loopback port, without persistence, for one test class or test.
 * {@link #kill()} ends it with SIGKILL (as a crash would), {@link #restart()} starts a fresh one on the same port,
 * {@link #close()} kills it for good. A missing redis-server fails the test and says how to install it.
 * Thread-safe enough for tests: one thread drives it.
 */
public final class RedisServer implements AutoCloseable {

    private final String program;
    private final int port;
    private final Path directory;
    private Process process;

    private RedisServer(String program, int port, Path directory) {
        this.program = program;
        this.port = port;
        this.directory = directory;
    }

    /** Starts a redis-server on a free loopback port and waits until it answers PING (at most 10 s). */
    public static RedisServer start() throws IOException, InterruptedException {
        String program = find();
        Path directory = Files.createTempDirectory("anonftp-redis-");
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            RedisServer server = new RedisServer(program, freePort(), directory);
            try {
                server.launch();
                return server;
            } catch (IOException e) {
                last = e;
                server.kill();
            }
        }
        TemporaryDirectory.delete(directory);
        throw last;
    }

    public int port() {
        return port;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    private void launch() throws IOException, InterruptedException {
        process = new ProcessBuilder(List.of(program, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--dir", directory.toString(),
                "--logfile", directory.resolve("redis.log").toString()))
                .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server on port " + port + " exited: "
                        + Files.readString(directory.resolve("stdout.txt"), StandardCharsets.UTF_8)
                        + readLog());
            }
            if (ping()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IOException("redis-server on port " + port + " did not answer PING within 10 s");
    }

    private String readLog() throws IOException {
        Path log = directory.resolve("redis.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** Whether the server answers PING now. */
    public boolean ping() {
        try {
            return command("PING").startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    /** Sends one inline command and returns the first reply line (the count of keys for DBSIZE, say). */
    public String command(String inline) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((inline + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }
    }

    /** The number in an integer reply ({@code :42}) to {@code inline}. */
    public long integer(String inline) throws IOException {
        String reply = command(inline);
        if (!reply.startsWith(":")) {
            throw new IOException(inline + " answered " + reply);
        }
        return Long.parseLong(reply.substring(1));
    }

    /** Ends the server with SIGKILL, as a crash would, and waits until it is gone. */
    public void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts a fresh, empty server on the same port (after {@link #kill()}). */
    public void restart() throws IOException, InterruptedException {
        kill();
        IOException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                launch();
                return;
            } catch (IOException e) { // the port may still be in TIME_WAIT for a moment
                last = e;
                kill();
                Thread.sleep(100);
            }
        }
        throw last;
    }

    @Override
    public void close() throws InterruptedException {
        kill();
        TemporaryDirectory.delete(directory);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String find() {
        for (String directory : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin"
                + File.pathSeparator + "/usr/sbin").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError("redis-server is not installed; install it (Debian: apt-get install redis-server,"
                + " and do not enable it as a service). bash .ci/run installs it.");
    }

    /** Deletes the server's working directory. */
    private static final class TemporaryDirectory {
        static void delete(Path directory) {
            try (var files = Files.walk(directory)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                // best effort: a temporary directory
            }
        }
    }
}

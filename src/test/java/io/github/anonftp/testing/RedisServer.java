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
    private final List<String> extra;
    private Process process;

    private RedisServer(String program, int port, Path directory, List<String> extra) {
        this.extra = extra;
        this.program = program;
        this.port = port;
        this.directory = directory;
    }

    /** Starts a redis-server on a free loopback port and waits until it answers PING (at most 10 s). */
    public static RedisServer start() throws IOException, InterruptedException {
        return start(List.of());
    }

    /** Like {@link #start()}, with more redis-server options ({@code --requirepass}, say). */
    public static RedisServer start(List<String> extra) throws IOException, InterruptedException {
        String program = find();
        Path directory = Files.createTempDirectory("anonftp-redis-");
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            RedisServer server = new RedisServer(program, freePort(), directory, extra);
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
        List<String> command = new java.util.ArrayList<>(List.of(program, "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--dir",
                directory.toString(), "--logfile", directory.resolve("redis.log").toString()));
        command.addAll(extra);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("redis-server on port " + port + " exited: "
                        + Files.readString(directory.resolve("stdout.txt"), StandardCharsets.UTF_8)
                        + readLog());
            }
            if (answers()) {
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

    /** Whether the server answers at all (a PING refused for want of a password counts). */
    private boolean answers() {
        try {
            call("PING");
            return true;
        } catch (IOException e) {
            return e.getMessage() != null && e.getMessage().startsWith("NOAUTH");
        }
    }

    /** Whether the server answers PING now. */
    public boolean ping() {
        try {
            return "PONG".equals(call("PING"));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sends one command and returns its reply: a String (simple or bulk), a Long, a List of replies, or null; an
     * error reply is an IOException.
     */
    public Object call(String... args) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(5000);
            StringBuilder request = new StringBuilder("*").append(args.length).append("\r\n");
            for (String arg : args) {
                byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(new java.io.BufferedInputStream(socket.getInputStream()));
        }
    }

    private static Object read(InputStream in) throws IOException {
        String line = line(in);
        char type = line.charAt(0);
        String rest = line.substring(1);
        switch (type) {
            case '+':
                return rest;
            case '-':
                throw new IOException(rest);
            case ':':
                return Long.parseLong(rest);
            case '$': {
                int length = Integer.parseInt(rest);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(rest);
                if (count < 0) {
                    return null;
                }
                List<Object> items = new java.util.ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(read(in));
                }
                return items;
            }
            default:
                throw new IOException("unexpected reply " + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        if (c == -1 && line.length() == 0) {
            throw new IOException("connection closed");
        }
        return line.toString();
    }

    /** The keys matching {@code pattern}. */
    @SuppressWarnings("unchecked")
    public List<String> keys(String pattern) throws IOException {
        return (List<String>) call("KEYS", pattern);
    }

    /** The PTTL of {@code key}: milliseconds left, -1 for no TTL, -2 for no key. */
    public long pttl(String key) throws IOException {
        return (Long) call("PTTL", key);
    }

    /** The process id, to stop ({@code SIGSTOP}) and continue it. */
    public long pid() {
        return process.pid();
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

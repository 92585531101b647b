package io.github.anonftp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.ClearTextPasswordEncryptor;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;

import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.email.EmailPolicyConfig;
import io.github.anonftp.ratelimit.Rate;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.server.AnonFtpServer;

/**
 * Stock FtpServer 1.2.1 against anonftp with every feature on (RFC 5321 e-mail policy, the limiter with high
 * limits, a JSON access log to a file, a drop box), both in this JVM on 127.0.0.1 with fixed passive port
 * ranges, measured interleaved (stock, anonftp, stock, ...) after a warm-up pass, by commons-net clients in the
 * same JVM. Prints a Markdown table of medians and the ratio anonftp / stock. Not part of {@code mvn verify}:
 * {@code mvn -q -Pbench test-compile exec:exec@compare [-Dcompare.args="REPS SECONDS"]} (default 3 repetitions
 * of 3 s per point). The clients share the machine with the servers: the ratios are what to read.
 */
public final class ServerComparison {

    static final int MIB = 1 << 20;
    static final String EMAIL = "bench@example.com";

    private ServerComparison() {
    }

    /** One measurement: a name and how to take it against a port. */
    record Point(String name, Measure measure) {
    }

    interface Measure {
        double[] take(int port, Path uploads) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        // Both servers' logs off but warnings, as the shared kit runs stock FtpServer (its INFO line per login).
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("anonftp-compare");
        Path tree = tree(work.resolve("tree"));
        Path stockIncoming = Files.createDirectories(tree.resolve("incoming"));
        Path anonIncoming = Files.createDirectories(work.resolve("anon-incoming"));
        FtpServer stock = stock(work, tree);
        stock.start();
        AnonFtpServer anon = anonftp(work, tree, anonIncoming).start();
        int stockPort = STOCK_PORT[0];
        List<Point> points = points(seconds);
        Map<String, List<double[]>> stockResults = new LinkedHashMap<>();
        Map<String, List<double[]>> anonResults = new LinkedHashMap<>();
        try {
            System.out.println("warm-up pass");
            for (Point point : points) {
                point.measure().take(stockPort, stockIncoming);
                point.measure().take(anon.port(), anonIncoming);
            }
            for (int rep = 1; rep <= reps; rep++) {
                for (Point point : points) {
                    double[] s = point.measure().take(stockPort, stockIncoming);
                    double[] a = point.measure().take(anon.port(), anonIncoming);
                    stockResults.computeIfAbsent(point.name(), k -> new ArrayList<>()).add(s);
                    anonResults.computeIfAbsent(point.name(), k -> new ArrayList<>()).add(a);
                    System.out.printf(Locale.ROOT, "rep %d %-28s stock %s anonftp %s%n", rep, point.name(),
                            Arrays.toString(s), Arrays.toString(a));
                }
            }
        } finally {
            anon.stop();
            stock.stop();
        }
        table(points, stockResults, anonResults, reps, seconds);
        deleteTree(work);
    }

    static final int[] STOCK_PORT = new int[1];

    static List<Point> points(int seconds) {
        List<Point> points = new ArrayList<>();
        for (int c : new int[] {1, 8, 32}) {
            points.add(new Point("login c=" + c, (port, up) -> sessions(port, c, seconds, client -> { })));
        }
        points.add(new Point("login+LIST(1000) c=8", (port, up) -> sessions(port, 8, seconds, client -> {
            if (client.listLines("/pub/many") < 1000) {
                throw new IOException("short listing");
            }
        })));
        for (int c : new int[] {1, 8}) {
            points.add(new Point("login+RETR 1 KiB c=" + c, (port, up) -> sessions(port, c, seconds, client -> {
                client.setFileType(FTP.BINARY_FILE_TYPE);
                try (InputStream in = client.retrieveFileStream("/pub/1k.bin")) {
                    if (in.readAllBytes().length != 1024) {
                        throw new IOException("short file");
                    }
                }
                if (!client.completePendingCommand()) {
                    throw new IOException(client.getReplyString());
                }
            })));
        }
        points.add(new Point("RETR 100 MiB MB/s", (port, up) -> new double[] {retr(port, 3)}));
        points.add(new Point("STOR 100 MiB MB/s", (port, up) -> new double[] {stor(port, up, 2)}));
        return points;
    }

    interface Session {
        void run(Client client) throws IOException;
    }

    /** commons-net's client, with LIST read as lines (its parser would cost the client more than the server). */
    static final class Client extends FTPClient {
        long listLines(String path) throws IOException {
            long lines = 0;
            try (java.net.Socket data = _openDataConnection_(org.apache.commons.net.ftp.FTPCmd.LIST, path)) {
                if (data == null) {
                    throw new IOException(getReplyString());
                }
                InputStream in = data.getInputStream();
                byte[] buffer = new byte[64 * 1024];
                int read;
                while ((read = in.read(buffer)) > 0) {
                    for (int i = 0; i < read; i++) {
                        lines += buffer[i] == '\n' ? 1 : 0;
                    }
                }
            }
            if (!completePendingCommand()) {
                throw new IOException(getReplyString());
            }
            return lines;
        }
    }

    static Client login(int port) throws IOException {
        Client client = new Client();
        client.setConnectTimeout(10_000);
        client.setDefaultTimeout(10_000);
        client.connect("127.0.0.1", port);
        client.setTcpNoDelay(true);
        client.setSoTimeout(10_000);
        client.enterLocalPassiveMode();
        if (!client.login("anonymous", EMAIL)) {
            throw new IOException("login refused: " + client.getReplyString());
        }
        return client;
    }

    /** Sessions per second from {@code threads} loops, and the p50 and p99 of connect to 230, in ms. */
    static double[] sessions(int port, int threads, int seconds, Session work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<List<Long>>> results = new ArrayList<>();
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            results.add(pool.submit(() -> {
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < end) {
                    long begin = System.nanoTime();
                    Client client = null;
                    try {
                        client = login(port);
                        long loggedIn = System.nanoTime();
                        work.run(client);
                        client.logout();
                        latencies.add(loggedIn - begin);
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } finally {
                        if (client != null && client.isConnected()) {
                            client.disconnect();
                        }
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> result : results) {
            all.addAll(result.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (errors.get() > all.size() / 100) {
            System.out.println("  errors: " + errors.get());
        }
        all.sort(null);
        return new double[] {all.size() / elapsed, percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6};
    }

    static double percentile(List<Long> sorted, double p) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, p * sorted.size()));
    }

    static double retr(int port, int times) throws IOException {
        Client client = login(port);
        try {
            client.setFileType(FTP.BINARY_FILE_TYPE);
            byte[] buffer = new byte[MIB];
            long bytes = 0;
            long start = System.nanoTime();
            for (int i = 0; i < times; i++) {
                try (InputStream in = client.retrieveFileStream("/pub/100m.bin")) {
                    int read;
                    while ((read = in.read(buffer)) > 0) {
                        bytes += read;
                    }
                }
                client.completePendingCommand();
            }
            return bytes / ((System.nanoTime() - start) / 1e9) / 1e6;
        } finally {
            client.disconnect();
        }
    }

    static double stor(int port, Path uploads, int times) throws IOException {
        Client client = login(port);
        byte[] block = new byte[MIB];
        Arrays.fill(block, (byte) 'x');
        try {
            client.setFileType(FTP.BINARY_FILE_TYPE);
            long start = System.nanoTime();
            for (int i = 0; i < times; i++) {
                String name = "up-" + System.nanoTime() + ".bin";
                try (OutputStream out = client.storeFileStream("/incoming/" + name)) {
                    for (int m = 0; m < 100; m++) {
                        out.write(block);
                    }
                }
                if (!client.completePendingCommand()) {
                    throw new IOException(client.getReplyString());
                }
            }
            double rate = times * 100.0 * MIB / ((System.nanoTime() - start) / 1e9) / 1e6;
            try (var files = Files.list(uploads)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.delete(file);
                }
            }
            return rate;
        } finally {
            client.disconnect();
        }
    }

    static Path tree(Path root) throws IOException {
        Path many = Files.createDirectories(root.resolve("pub/many"));
        Files.write(root.resolve("pub/1k.bin"), new byte[1024]);
        try (RandomAccessFile raf = new RandomAccessFile(root.resolve("pub/100m.bin").toFile(), "rw")) {
            byte[] block = new byte[MIB];
            Arrays.fill(block, (byte) 'a');
            for (int i = 0; i < 100; i++) {
                raf.write(block); // real data, in the page cache after the first read
            }
        }
        for (int i = 0; i < 1000; i++) {
            Files.write(many.resolve(String.format(Locale.ROOT, "file-%04d.dat", i)), new byte[i]);
        }
        return root;
    }

    static FtpServer stock(Path work, Path tree) throws Exception {
        Path users = work.resolve("users.properties");
        Files.writeString(users, String.join("\n",
                "ftpserver.user.anonymous.userpassword=",
                "ftpserver.user.anonymous.homedirectory=" + tree,
                "ftpserver.user.anonymous.enableflag=true",
                "ftpserver.user.anonymous.writepermission=true",
                "ftpserver.user.anonymous.maxloginnumber=0",
                "ftpserver.user.anonymous.maxloginperip=0",
                "ftpserver.user.anonymous.idletime=0", ""), StandardCharsets.UTF_8);
        PropertiesUserManagerFactory um = new PropertiesUserManagerFactory();
        um.setFile(users.toFile());
        um.setPasswordEncryptor(new ClearTextPasswordEncryptor());
        FtpServerFactory factory = new FtpServerFactory();
        factory.setUserManager(um.createUserManager());
        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setAnonymousLoginEnabled(true);
        connections.setMaxLogins(1000);
        connections.setMaxAnonymousLogins(1000);
        factory.setConnectionConfig(connections.createConnectionConfig());
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(0);
        DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
        data.setPassivePorts("29000-29499");
        listener.setDataConnectionConfiguration(data.createDataConnectionConfiguration());
        factory.addListener("default", listener.createListener());
        FtpServer server = factory.createServer();
        return new FtpServer() {
            @Override
            public void start() throws org.apache.ftpserver.ftplet.FtpException {
                server.start();
                STOCK_PORT[0] = factory.getListener("default").getPort();
            }

            @Override
            public void stop() {
                server.stop();
            }

            @Override
            public boolean isStopped() {
                return server.isStopped();
            }

            @Override
            public void suspend() {
                server.suspend();
            }

            @Override
            public void resume() {
                server.resume();
            }

            @Override
            public boolean isSuspended() {
                return server.isSuspended();
            }
        };
    }

    static AnonFtpServer anonftp(Path work, Path tree, Path incoming) {
        return AnonFtpServer.builder()
                .anonymous(AnonymousConfig.builder().homeDirectory(tree).uploadDirectory(incoming).maxSessions(0)
                        .build())
                .emailPolicy(EmailPolicyConfig.builder().strictness("RFC5321").build())
                .rateLimit(RateLimitConfig.builder().maxSessionsPerClient(10_000).connectionRate(
                        Rate.of(1_000_000_000, java.time.Duration.ofMinutes(1))).commandRate(
                        Rate.of(1_000_000_000, java.time.Duration.ofSeconds(1))).maxConnections(0).build())
                .accessLog(AccessLogConfig.builder().destination(work.resolve("access.jsonl").toString()).build())
                .passivePorts("29500-29999")
                .maxLogins(100_000)
                .build();
    }

    static void table(List<Point> points, Map<String, List<double[]>> stock, Map<String, List<double[]>> anon,
            int reps, int seconds) {
        System.out.printf(Locale.ROOT, "%n%d interleaved repetitions of %d s per point; medians;"
                + " ratio = anonftp / stock (latencies: lower is better)%n%n", reps, seconds);
        System.out.println("| measurement | stock | anonftp | ratio |");
        System.out.println("|---|---:|---:|---:|");
        for (Point point : points) {
            String[] labels = point.name().startsWith("RETR") || point.name().startsWith("STOR")
                    ? new String[] {""} : new String[] {" sessions/s", " p50 ms", " p99 ms"};
            boolean login = point.name().startsWith("login c=");
            for (int i = 0; i < (login ? 3 : 1); i++) {
                double s = median(stock.get(point.name()), i);
                double a = median(anon.get(point.name()), i);
                System.out.printf(Locale.ROOT, "| %s%s | %s | %s | %.2fx |%n", point.name(), labels[i], number(s),
                        number(a), a / s);
            }
        }
    }

    static double median(List<double[]> values, int index) {
        double[] sorted = values.stream().mapToDouble(v -> v[index]).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    static String number(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
    }

    static void deleteTree(Path root) throws IOException {
        try (var files = Files.walk(root)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

package io.github.anonftp.spring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.springframework.context.support.FileSystemXmlApplicationContext;

import io.github.anonftp.testing.TestArchive;

/**
 * A sample of {@code config-samples/} in an FTPD_HOME-like directory ({@code res/home} with the test archive,
 * {@code res/incoming}, {@code res/conf}, {@code res/log}), loaded through FtpServer's XML namespace the way
 * its {@code CommandLine} does, with {@code anonftp.home} pointing at that directory. The only change to the
 * sample's text is the control port: 2121 becomes 0.
 */
final class XmlSample implements AutoCloseable {

    private static final String PORT = "<beans:property name=\"port\" value=\"2121\"/>";

    final Path home;
    final Path file;
    private FileSystemXmlApplicationContext context;
    private FtpServer server;

    private XmlSample(Path home, Path file) {
        this.home = home;
        this.file = file;
    }

    /** Copies {@code config-samples/<name>} into {@code home/res/conf} with the port set to 0. */
    static XmlSample copy(String name, Path home) throws IOException {
        String text = Files.readString(Path.of("config-samples", name), StandardCharsets.UTF_8);
        if (!text.contains(PORT)) {
            throw new IllegalStateException(name + " has no " + PORT);
        }
        for (String dir : new String[] {"res/incoming", "res/conf", "res/log"}) {
            Files.createDirectories(home.resolve(dir));
        }
        TestArchive.create(home.resolve("res/home"));
        Path file = home.resolve("res/conf").resolve(name);
        Files.writeString(file, text.replace(PORT, "<beans:property name=\"port\" value=\"0\"/>"),
                StandardCharsets.UTF_8);
        return new XmlSample(home, file);
    }

    /** Replaces {@code from} (which must occur) by {@code to} in the copy. */
    XmlSample edit(String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.contains(from)) {
            throw new IllegalStateException(file.getFileName() + " has no " + from);
        }
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
        return this;
    }

    /** Loads the copy with {@code anonftp.home} set to the home (restored afterwards); does not start. */
    XmlSample load() {
        String previous = System.getProperty(HomeDirectory.PROPERTY);
        System.setProperty(HomeDirectory.PROPERTY, home.toString());
        try {
            context = new FileSystemXmlApplicationContext("file:" + file.toAbsolutePath());
        } finally {
            if (previous == null) {
                System.clearProperty(HomeDirectory.PROPERTY);
            } else {
                System.setProperty(HomeDirectory.PROPERTY, previous);
            }
        }
        server = context.getBean("server", FtpServer.class);
        return this;
    }

    /** Loads and starts the server; returns the bound port. */
    int start() throws Exception {
        load();
        server.start();
        return port();
    }

    int port() {
        return factory().getListener("default").getPort();
    }

    /** The {@code FtpServerFactory} the {@code <server>} element made, with the beans wired in. */
    FtpServerFactory factory() {
        return context.getBeansOfType(FtpServerFactory.class).values().iterator().next();
    }

    FileSystemXmlApplicationContext context() {
        return context;
    }

    /** Stops the server and closes the context (which closes the access log). */
    @Override
    public void close() {
        if (server != null && !server.isStopped()) {
            server.stop();
        }
        if (context != null) {
            context.close();
        }
    }
}

package io.github.anonftp.server;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerConfigurationException;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.listener.Listener;
import org.springframework.beans.BeansException;
import org.springframework.context.support.FileSystemXmlApplicationContext;

/**
 * Runs an FtpServer Spring XML file the way FtpServer's own {@code CommandLine} does, with two fixes: the
 * path is given as a {@code file:} URL (Spring reads a bare {@code /abs/path} relative to the working
 * directory), and the bound ports are printed, also for {@code port="0"}.
 */
final class XmlServerLoader {

    private XmlServerLoader() {
    }

    static FtpServer start(Path file, PrintStream out) throws FtpException {
        if (!Files.isReadable(file)) {
            throw new FtpServerConfigurationException("--config: \"" + file
                    + "\" is not a readable file; expected an FtpServer Spring XML configuration");
        }
        FileSystemXmlApplicationContext context;
        try {
            context = new FileSystemXmlApplicationContext("file:" + file.toAbsolutePath());
        } catch (BeansException e) {
            throw new FtpServerConfigurationException("--config: \"" + file + "\" could not be loaded: "
                    + rootMessage(e), e);
        }
        FtpServer server = findServer(context, file);
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            context.close();
        }, "anonftp-shutdown"));
        for (FtpServerFactory factory : context.getBeansOfType(FtpServerFactory.class).values()) {
            for (Map.Entry<String, Listener> listener : factory.getListeners().entrySet()) {
                String host = listener.getValue().getServerAddress();
                out.println("listening on " + (host == null ? "0.0.0.0" : host) + ":" + listener.getValue().getPort());
            }
        }
        return server;
    }

    private static FtpServer findServer(FileSystemXmlApplicationContext context, Path file) {
        if (context.containsBean("server")) {
            return context.getBean("server", FtpServer.class);
        }
        return context.getBeansOfType(FtpServer.class).values().stream().findFirst()
                .orElseThrow(() -> new FtpServerConfigurationException("--config: \"" + file
                        + "\" defines no FtpServer; expected a <server> element"));
    }

    /** anonftp's own configuration message if there is one in the chain (it names the setting), else the root's. */
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (true) {
            if (root instanceof FtpServerConfigurationException) {
                return root.getMessage();
            }
            if (root.getCause() == null || root.getCause() == root) {
                return root.getMessage();
            }
            root = root.getCause();
        }
    }
}

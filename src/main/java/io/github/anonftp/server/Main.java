package io.github.anonftp.server;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import org.apache.ftpserver.FtpServerConfigurationException;

import picocli.CommandLine;

/**
 * {@code java -jar anonftp-server.jar}: an anonymous FTP server on embedded defaults, or
 * {@code check-email} to try the e-mail policy on a list of passwords. Exit codes: 0 ok, 1 failure at
 * run time, 2 usage or configuration error.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        configureConsoleLogging();
        int code = execute(args, System.in, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8));
        if (code != ServerCommand.RUNNING) {
            System.exit(code);
        }
        awaitShutdown();
    }

    /**
     * Runs the command line. The server command returns {@link ServerCommand#RUNNING} once the server
     * listens (it stops on JVM shutdown); everything else returns its exit code.
     */
    static int execute(String[] args, InputStream in, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new ServerCommand(out, err));
        commandLine.addSubcommand("check-email", new CheckEmailCommand(in, out));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            if (e instanceof FtpServerConfigurationException || e instanceof CommandLine.ParameterException) {
                err.println("anonftp-server: " + e.getMessage());
                return 2;
            }
            err.println("anonftp-server: " + e);
            return 1;
        });
        return commandLine.execute(args);
    }

    /** slf4j-simple to standard error; FtpServer at WARN and its protocol logger off. */
    private static void configureConsoleLogging() {
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        setDefault("org.slf4j.simpleLogger.log.org.apache.ftpserver", "warn");
        setDefault("org.slf4j.simpleLogger.log.org.apache.mina", "warn");
        // A client makes FtpServer WARN a stack trace here for every upload the drop box stops or it resets; the
        // access log's denied and transfer records say what happened.
        setDefault("org.slf4j.simpleLogger.log.org.apache.ftpserver.impl.IODataConnection", "error");
        setDefault("org.slf4j.simpleLogger.log.org.apache.ftpserver.listener.nio.FtpLoggingFilter", "off");
        setDefault("org.slf4j.simpleLogger.log.org.springframework", "warn");
    }

    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    private static void awaitShutdown() {
        try {
            new CountDownLatch(1).await(); // the shutdown hook stops the server; the JVM then exits
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

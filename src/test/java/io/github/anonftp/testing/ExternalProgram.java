package io.github.anonftp.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client program with a time limit. A missing program is a test failure that says how to
 * install it ({@code .ci/run} installs every one of them), never a skip.
 */
public final class ExternalProgram {

    private ExternalProgram() {
    }

    public record Result(int exitCode, String output) {
    }

    public static Result run(Path workingDirectory, String stdin, String... command)
            throws IOException, InterruptedException {
        requireOnPath(command[0]);
        Path output = Files.createTempFile(workingDirectory, "out-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(List.of(command))
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("HOME", workingDirectory.toString()); // no user rc files (.netrc, .lftprc)
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process process = builder.start();
        try {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError(command[0] + " did not finish within 30 s; output so far:\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
        }
    }

    private static void requireOnPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return;
            }
        }
        throw new AssertionError(program + " is not installed; install it (Debian: apt-get install "
                + debianPackage(program) + "). bash .ci/run installs every client the tests use.");
    }

    private static String debianPackage(String program) {
        switch (program) {
            case "python3":
                return "python3";
            case "ncftpls":
            case "ncftpget":
                return "ncftp";
            case "fail2ban-regex":
                return "fail2ban";
            default:
                return program;
        }
    }
}

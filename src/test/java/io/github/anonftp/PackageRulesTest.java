package io.github.anonftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The package rules of the design, checked on the sources: the concern packages see only the JDK, the root
 * package and their own libraries, never each other; only `spring` (and the runnable server's `--config` loader) imports Spring, only `junit` JUnit; nothing
 * uses FtpServer's internal packages.
 */
class PackageRulesTest {

    static final Path MAIN = Path.of("src/main/java/io/github/anonftp");

    static List<String> imports(String pkg) {
        try (Stream<Path> files = Files.list(MAIN.resolve(pkg))) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(f -> lines(f).stream())
                    .filter(line -> line.startsWith("import ")).collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"anonymous", "email", "ratelimit", "accesslog"})
    void concernPackagesDoNotImportEachOtherOrTheGlue(String pkg) {
        assertThat(imports(pkg)).filteredOn(line -> line.startsWith("import io.github.anonftp."))
                .allMatch(line -> line.startsWith("import io.github.anonftp.Settings;")
                        || line.startsWith("import io.github.anonftp.IpText;")
                        || line.startsWith("import io.github.anonftp." + pkg + "."), "only the root package");
    }

    /**
     * The one exception to "no FtpServer internals": the data connection factory must be FtpServer's
     * {@code ServerDataConnectionFactory}, and is an {@code IODataConnectionFactory} so that the transfer
     * commands keep their {@code 503} check; nothing else of FtpServer's internals, and no other package.
     */
    @Test
    void onlyTheTransferPackageReachesIntoFtpServersDataConnectionInternals() {
        assertThat(imports("transfer")).filteredOn(line -> line.startsWith("import org.apache.ftpserver.impl."))
                .allMatch(line -> line.equals("import org.apache.ftpserver.impl.IODataConnectionFactory;"));
        assertThat(imports("transfer")).noneMatch(line -> line.startsWith("import org.apache.ftpserver.command.")
                || line.startsWith("import org.springframework.") || line.startsWith("import org.junit."));
    }

    @Test
    void onlyTheRedisPackageImportsTheRedisClientAndItSeesOnlyTheLimiter() {
        assertThat(imports("ratelimit/redis")).filteredOn(line -> line.startsWith("import io.github.anonftp."))
                .allMatch(line -> line.startsWith("import io.github.anonftp.Settings;")
                        || line.matches("import io\\.github\\.anonftp\\.ratelimit\\.[A-Z].*")
                        || line.startsWith("import io.github.anonftp.ratelimit.redis."), "the limiter's API only");
        for (String pkg : new String[] {"anonymous", "email", "ratelimit", "accesslog", "ftpserver", "server", "spring",
                "junit"}) {
            assertThat(imports(pkg)).as(pkg).noneMatch(line -> line.startsWith("import io.lettuce.")
                    || line.startsWith("import io.netty.") || line.startsWith("import reactor."));
        }
    }

    @Test
    void theEmailPolicyUsesNoRegularExpressionsOnClientInput() {
        assertThat(imports("email")).noneMatch(line -> line.contains("java.util.regex"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"anonymous", "email", "ratelimit", "accesslog", "ftpserver", "server", "spring", "junit"})
    void nothingUsesFtpServersInternalPackagesAndOnlyItsPackageUsesSpringOrJUnit(String pkg) {
        List<String> imports = imports(pkg);
        assertThat(imports).noneMatch(line -> line.startsWith("import org.apache.ftpserver.impl.")
                || line.startsWith("import org.apache.ftpserver.command.impl.")
                || line.startsWith("import org.apache.ftpserver.config.spring."));
        if (!pkg.equals("spring") && !pkg.equals("server")) {
            assertThat(imports).noneMatch(line -> line.startsWith("import org.springframework."));
        }
        if (!pkg.equals("junit")) {
            assertThat(imports).noneMatch(line -> line.startsWith("import org.junit.")
                    || line.startsWith("import org.apache.commons.net."));
        }
    }
}

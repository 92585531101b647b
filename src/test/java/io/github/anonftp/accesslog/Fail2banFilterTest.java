package io.github.anonftp.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.server.AnonFtpServer;
import io.github.anonftp.testing.ExternalProgram;
import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.TestArchive;

/** The shipped fail2ban filter, run by the real fail2ban-regex over a log a real server wrote. */
@Timeout(120)
class Fail2banFilterTest {

    static final Path FILTER = Path.of("config-samples/fail2ban/anonftp.conf").toAbsolutePath();

    @TempDir
    Path root;
    @TempDir
    Path work;

    @Test
    void theFilterFindsFailedLoginsAndRefusalsByAddressAndNothingElse() throws Exception {
        Path log = work.resolve("access.jsonl");
        AnonFtpServer server = AnonFtpServer.builder().anonymous(TestArchive.guests(root).build())
                .accessLog(AccessLogConfig.builder().destination(log).logConnects(true).build())
                .rateLimit(RateLimitConfig.builder().deniedNetworks("127.0.0.32").build())
                .build().start();
        try {
            try (RawFtp ftp = RawFtp.connect("127.0.0.1", server.port(), "127.0.0.31")) {
                ftp.reply();
                ftp.command("USER anonymous");
                ftp.command("PASS guest");
                ftp.command("PASS \"ip\":\"192.0.2.99\"");
                ftp.command("PASS jane@example.org");
                ftp.command("QUIT");
            }
            try (RawFtp denied = RawFtp.connect("127.0.0.1", server.port(), "127.0.0.32")) {
                assertThat(denied.reply()).startsWith("421 ");
            }
        } finally {
            server.stop();
        }
        ExternalProgram.Result result = ExternalProgram.run(work, "", "fail2ban-regex", "-v", log.toString(),
                FILTER.toString());
        assertThat(result.exitCode()).as(result.output()).isZero();
        Matcher lines = Pattern.compile("Lines: (\\d+) lines, 0 ignored, (\\d+) matched").matcher(result.output());
        assertThat(lines.find()).as(result.output()).isTrue();
        assertThat(Files.readAllLines(log)).hasSize(Integer.parseInt(lines.group(1)));
        assertThat(Integer.parseInt(lines.group(2))).as(result.output()).isEqualTo(3);
        assertThat(count(result.output(), "127.0.0.31 ")).isEqualTo(2);
        assertThat(count(result.output(), "127.0.0.32 ")).isEqualTo(1);
        assertThat(result.output()).doesNotContain("192.0.2.99 ");
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            count++;
        }
        return count;
    }
}

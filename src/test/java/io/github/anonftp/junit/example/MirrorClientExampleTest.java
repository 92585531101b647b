package io.github.anonftp.junit.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.anonftp.accesslog.AccessEvent;
import io.github.anonftp.accesslog.EventType;
import io.github.anonftp.accesslog.Outcome;
import io.github.anonftp.junit.AnonFtpServerExtension;

/** A mirror client's download and upload, tested against a real anonymous FTP server. */
@Timeout(30)
class MirrorClientExampleTest {

    @RegisterExtension
    static final AnonFtpServerExtension ftp = AnonFtpServerExtension.withDefaults();

    @Test
    void downloadsFromTheArchiveAndUploadsToTheDropBox() throws Exception {
        ftp.file("pub/README.txt", "hello\n");
        FTPClient client = ftp.anonymousClient();

        ByteArrayOutputStream readme = new ByteArrayOutputStream();
        assertTrue(client.retrieveFile("/pub/README.txt", readme));
        assertEquals("hello\n", readme.toString(StandardCharsets.UTF_8));

        byte[] report = "all good\n".getBytes(StandardCharsets.UTF_8);
        assertTrue(client.storeFile("/incoming/report.txt", new ByteArrayInputStream(report)));
        assertArrayEquals(report, ftp.read("report.txt"));

        AccessEvent login = ftp.accessLog().await(e -> e.type() == EventType.LOGIN, Duration.ofSeconds(5));
        assertEquals("ci@example.org", login.email());
        assertEquals(Outcome.OK, login.outcome());
    }
}

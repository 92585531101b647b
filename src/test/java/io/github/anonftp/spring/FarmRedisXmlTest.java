package io.github.anonftp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.testing.RawFtp;
import io.github.anonftp.testing.RedisServer;

/** {@code config-samples/farm-redis.xml}: two nodes loaded from the sample share one real Redis. */
@Timeout(60)
class FarmRedisXmlTest {

    private static final String SAMPLE_URL = "value=\"redis://127.0.0.1:6379\"";

    @TempDir
    Path homeA;
    @TempDir
    Path homeB;

    private RedisServer redis;

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterEach
    void stopRedis() throws Exception {
        redis.close();
    }

    private XmlSample node(Path home) throws Exception {
        // The sample's 250ms, generous for a loaded test machine where a late answer would make a node decide alone.
        return XmlSample.copy("farm-redis.xml", home).edit(SAMPLE_URL, "value=\"" + redis.url() + "\"")
                .edit("<beans:property name=\"redisTimeout\" value=\"250ms\"/>",
                        "<beans:property name=\"redisTimeout\" value=\"2s\"/>");
    }

    @Test
    void twoNodesShareTheCapOfFourAndABanAndAStoppedNodeFreesItsSlots() throws Exception {
        try (XmlSample a = node(homeA); XmlSample b = node(homeB)) {
            int portA = a.start();
            int portB = b.start();
            RawFtp[] held = new RawFtp[4];
            for (int i = 0; i < 4; i++) {
                held[i] = RawFtp.connect("127.0.0.1", i % 2 == 0 ? portA : portB, "127.0.0.31");
                assertThat(held[i].reply()).startsWith("220");
            }
            try (RawFtp fifth = RawFtp.connect("127.0.0.1", portB, "127.0.0.31")) {
                assertThat(fifth.reply()).isEqualTo("421 Too many connections from your address (4); try again"
                        + " later.\r\n");
            }
            for (RawFtp ftp : held) {
                ftp.close();
            }

            try (RawFtp ftp = RawFtp.connect("127.0.0.1", portA, "127.0.0.32")) {
                assertThat(ftp.reply()).startsWith("220");
                for (int i = 0; i < 3; i++) {
                    ftp.command("USER anonymous");
                    assertThat(ftp.command("PASS nobody")).startsWith("530 ");
                }
            }
            try (RawFtp ftp = RawFtp.connect("127.0.0.1", portB, "127.0.0.32")) {
                assertThat(ftp.reply()).startsWith("220");
                ftp.command("USER anonymous");
                assertThat(ftp.command("PASS nobody")).startsWith("530 ");
                ftp.command("USER anonymous");
                ftp.send("PASS nobody\r\n");
                assertThat(ftp.reply()).startsWith("530 ");
                assertThat(ftp.reply()).isEqualTo("421 Too many failed logins from your address; try again in"
                        + " 10 minutes.\r\n");
            }
            try (RawFtp ftp = RawFtp.connect("127.0.0.1", portA, "127.0.0.32")) {
                assertThat(ftp.reply()).isEqualTo("421 Too many failed logins from your address; try again in"
                        + " 10 minutes.\r\n");
            }

            RawFtp onA = RawFtp.connect("127.0.0.1", portA, "127.0.0.33");
            assertThat(onA.reply()).startsWith("220");
            assertThat(redis.keys("anonftp:{127.0.0.33}:slots")).hasSize(1);
            a.close(); // Spring closes the context: the node frees its slots at once
            assertThat(redis.call("ZCARD", "anonftp:{127.0.0.33}:slots")).isEqualTo(0L);
            onA.close();
        }
    }
}

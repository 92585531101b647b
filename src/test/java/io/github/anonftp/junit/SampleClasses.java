package io.github.anonftp.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Duration;

import org.apache.commons.net.ftp.FTPClient;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.anonftp.accesslog.EventType;

/**
 * Test classes that {@link CleanUpTest} and {@link ParallelClassesTest} run with JUnit's EngineTestKit (the build
 * itself skips nested classes). Each publishes its server's port, root and drop box as report entries.
 */
final class SampleClasses {

    private SampleClasses() {
    }

    static void exercise(AnonFtpServerExtension ftp, TestReporter reporter) throws Exception {
        reporter.publishEntry("port", String.valueOf(ftp.port()));
        reporter.publishEntry("root", ftp.root().toString());
        reporter.publishEntry("uploads", ftp.uploads().toString());
        ftp.file("pub/a.txt", "a");
        FTPClient guest = ftp.anonymousClient();
        String name = "up-" + System.nanoTime() + ".bin"; // a shared drop box refuses a second up.bin
        assertThat(guest.storeFile("/incoming/" + name, new ByteArrayInputStream(new byte[] {1, 2}))).isTrue();
        assertThat(ftp.read(name)).containsExactly(1, 2);
        assertThat(guest.listNames("/pub")).containsExactly("a.txt");
        ftp.connectedClient(); // left open: the extension closes it
        ftp.accessLog().await(e -> e.type() == EventType.TRANSFER, Duration.ofSeconds(5));
    }

    @Timeout(30)
    static class PerClass {

        @RegisterExtension
        static final AnonFtpServerExtension ftp = AnonFtpServerExtension.withDefaults();

        @Test
        void one(TestReporter reporter) throws Exception {
            exercise(ftp, reporter);
        }

        @Test
        void two(TestReporter reporter) throws Exception {
            exercise(ftp, reporter);
        }

        @Nested
        class Inner {
            @Test
            void three(TestReporter reporter) throws Exception {
                exercise(ftp, reporter);
            }
        }
    }

    @Timeout(30)
    static class PerTest {

        @RegisterExtension
        final AnonFtpServerExtension ftp = AnonFtpServerExtension.withDefaults();

        @Test
        void one(TestReporter reporter) throws Exception {
            exercise(ftp, reporter);
        }

        @Test
        void two(TestReporter reporter) throws Exception {
            exercise(ftp, reporter);
        }
    }

    /** Fails with clients and sessions open: the server must still be stopped and removed. */
    @Timeout(30)
    static class Failing {

        @RegisterExtension
        static final AnonFtpServerExtension ftp = AnonFtpServerExtension.withDefaults();

        @Test
        void failsMidSession(TestReporter reporter) throws Exception {
            exercise(ftp, reporter);
            ftp.anonymousClient();
            throw new AssertionError("failing on purpose");
        }
    }

    @Timeout(30)
    static class ParallelA extends Parallel {
    }

    @Timeout(30)
    static class ParallelB extends Parallel {
    }

    @Timeout(30)
    static class ParallelC extends Parallel {
    }

    @Timeout(30)
    static class ParallelD extends Parallel {
    }

    /** Every test of every subclass gets a server of its own (an instance field). */
    abstract static class Parallel {

        @RegisterExtension
        final AnonFtpServerExtension perTest = AnonFtpServerExtension.withDefaults();

        @Test
        void first(TestReporter reporter) throws Exception {
            exercise(perTest, reporter);
        }

        @Test
        void second(TestReporter reporter) throws Exception {
            exercise(perTest, reporter);
            Thread.sleep(200); // overlap with the other classes
        }
    }
}

package io.github.anonftp.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * After a sample class ran, its servers are gone: no thread they started is left, their ports refuse
 * connections and their temporary directories are removed, also when a test failed mid-session.
 */
@Timeout(60)
class CleanUpTest {

    /** FtpServer's executor and MINA's threads, the access log's writer and anonftp's timers. */
    private static final Pattern SERVER_THREAD = Pattern.compile(
            "pool-\\d+-thread-\\d+|NioProcessor-\\d+|NioSocketAcceptor-\\d+|anonftp-access-log|anonftp-timers");

    @Test
    void aPerClassServerLeavesNothingBehind() throws Exception {
        assertLeavesNothingBehind(SampleClasses.PerClass.class, 3, 1);
    }

    @Test
    void perTestServersLeaveNothingBehind() throws Exception {
        assertLeavesNothingBehind(SampleClasses.PerTest.class, 2, 2);
    }

    @Test
    void aFailingTestWithOpenSessionsLeavesNothingBehind() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        EngineExecutionResults results = run(SampleClasses.Failing.class);
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        assertCleanedUp(before, TestKitRuns.of(results));
    }

    private static void assertLeavesNothingBehind(Class<?> sample, int tests, int servers) throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        EngineExecutionResults results = run(sample);
        assertThat(results.testEvents().failed().count()).as(TestKitRuns.describe(results)).isZero();
        results.testEvents().assertStatistics(stats -> stats.started(tests).succeeded(tests));
        TestKitRuns runs = TestKitRuns.of(results);
        assertThat(runs.ports()).hasSize(tests);
        assertThat(Set.copyOf(runs.ports())).hasSize(servers);
        assertCleanedUp(before, runs);
    }

    private static EngineExecutionResults run(Class<?> sample) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(sample)).execute();
    }

    static void assertCleanedUp(Set<Thread> before, TestKitRuns runs) throws Exception {
        assertThat(runs.ports()).isNotEmpty();
        for (int port : runs.ports()) {
            assertThat(refused(port)).as("port %d closed", port).isTrue();
        }
        assertThat(runs.directories()).isNotEmpty().allSatisfy(directory -> {
            assertThat(directory).doesNotExist();
            assertThat(directory.getParent()).as("the extension's temporary directory").doesNotExist();
        });
        assertThat(leftOverServerThreads(before)).isEmpty();
    }

    /**
     * Threads started since {@code before} that belong to a server; waits for ending ones. Up to 40 s: MINA's
     * ordered executor can miss the exit signal of a worker it starts while FtpServer shuts it down, and that
     * worker then ends only after its 30 s keep-alive (seen rarely, with several servers stopping at once).
     */
    private static List<String> leftOverServerThreads(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + 40_000_000_000L;
        while (true) {
            List<String> left = Thread.getAllStackTraces().entrySet().stream()
                    .filter(entry -> !before.contains(entry.getKey()) && entry.getKey().isAlive())
                    .filter(entry -> SERVER_THREAD.matcher(entry.getKey().getName()).matches())
                    .map(entry -> entry.getKey().getName() + " " + entry.getKey().getState() + " at "
                            + java.util.Arrays.toString(java.util.Arrays.copyOf(entry.getValue(),
                                    Math.min(8, entry.getValue().length))))
                    .sorted().toList();
            if (left.isEmpty() || System.nanoTime() > deadline) {
                return left;
            }
            Thread.sleep(20);
        }
    }

    private static boolean refused(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }

}

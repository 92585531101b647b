package io.github.anonftp.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Test classes run in parallel, each with its own servers: none collides with another. */
@Timeout(60)
class ParallelClassesTest {

    @Test
    void classesRunConcurrentlyWithTheirOwnServersAndAllPass() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .selectors(selectClass(SampleClasses.ParallelA.class), selectClass(SampleClasses.ParallelB.class),
                        selectClass(SampleClasses.ParallelC.class), selectClass(SampleClasses.ParallelD.class),
                        selectClass(SampleClasses.PerClass.class), selectClass(SampleClasses.PerTest.class))
                .execute();
        assertThat(results.testEvents().failed().count()).as(TestKitRuns.describe(results)).isZero();
        results.testEvents().assertStatistics(stats -> stats.started(13).succeeded(13));
        TestKitRuns runs = TestKitRuns.of(results);
        assertThat(runs.ports()).hasSize(13);
        assertThat(Set.copyOf(runs.ports())).as("one server per test, one for PerClass").hasSize(11);
        CleanUpTest.assertCleanedUp(before, runs);
    }
}

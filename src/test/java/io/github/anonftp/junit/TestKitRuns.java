package io.github.anonftp.junit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.Event;

/** What the sample classes reported about their servers. */
record TestKitRuns(List<Integer> ports, List<Path> directories) {

    static TestKitRuns of(EngineExecutionResults results) {
        List<Map<String, String>> entries = results.allEvents().reportingEntryPublished().stream()
                .map(event -> event.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs())
                .toList();
        List<Integer> ports = entries.stream().filter(e -> e.containsKey("port"))
                .map(e -> Integer.valueOf(e.get("port"))).toList();
        List<Path> directories = entries.stream()
                .flatMap(e -> e.entrySet().stream())
                .filter(e -> e.getKey().equals("root") || e.getKey().equals("uploads"))
                .map(e -> Path.of(e.getValue())).toList();
        return new TestKitRuns(ports, directories);
    }

    static String describe(EngineExecutionResults results) {
        return results.allEvents().failed().stream().map(Event::toString).toList().toString();
    }
}

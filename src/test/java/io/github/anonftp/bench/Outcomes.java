package io.github.anonftp.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts how often the measured call was allowed and refused, reported by JMH next to the score (as
 * {@code :allowed} and {@code :refused} rows), so a result shows which path of the limiter it measured.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class Outcomes {

    public long allowed;
    public long refused;

    @Setup(Level.Iteration)
    public void reset() {
        allowed = 0;
        refused = 0;
    }

    boolean count(boolean wasAllowed) {
        if (wasAllowed) {
            allowed++;
        } else {
            refused++;
        }
        return wasAllowed;
    }
}

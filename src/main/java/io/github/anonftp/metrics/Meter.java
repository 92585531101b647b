package io.github.anonftp.metrics;

import java.util.List;
import java.util.Objects;

/**
 * One meter of {@link AnonFtpMetrics}: a Prometheus-style name ({@code anonftp_logins_total}), a type, a help
 * text and the names of its labels. Its series are the label values seen so far.
 */
public record Meter(String name, Type type, String help, List<String> labels) {

    /** Counters only grow (names end in {@code _total}); gauges go up and down. */
    public enum Type {
        COUNTER, GAUGE
    }

    public Meter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        labels = List.copyOf(labels);
        if (!name.matches("[a-z][a-z0-9_]*") || (type == Type.COUNTER) != name.endsWith("_total")) {
            throw new IllegalArgumentException("not a meter name for a " + type + ": " + name);
        }
    }
}

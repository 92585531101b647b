package io.github.anonftp.metrics;

import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * One time series of a {@link Meter}: its label values and where its current value comes from. Its
 * {@link #id()} is the series in Prometheus' text format: {@code anonftp_logins_total{outcome="ok",...}}.
 */
public record Series(Meter meter, List<String> labelValues, DoubleSupplier source) {

    public Series {
        labelValues = List.copyOf(labelValues);
        if (labelValues.size() != meter.labels().size()) {
            throw new IllegalArgumentException(meter.name() + " has labels " + meter.labels() + ", given "
                    + labelValues);
        }
    }

    public double value() {
        return source.getAsDouble();
    }

    /** The name with its labels, as Prometheus writes a series (also the JMX attribute name). */
    public String id() {
        return id(meter, labelValues);
    }

    static String id(Meter meter, List<String> values) {
        if (values.isEmpty()) {
            return meter.name();
        }
        StringBuilder id = new StringBuilder(meter.name()).append('{');
        for (int i = 0; i < values.size(); i++) {
            id.append(i == 0 ? "" : ",").append(meter.labels().get(i)).append("=\"");
            escape(values.get(i), id);
            id.append('"');
        }
        return id.append('}').toString();
    }

    private static void escape(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '"') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (Character.isISOControl(c)) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
    }
}

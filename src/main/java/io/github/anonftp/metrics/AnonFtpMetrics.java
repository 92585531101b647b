package io.github.anonftp.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

/**
 * anonftp's one set of meters (listed in docs/operations.md), read by every exporter alike: the JMX MBean
 * ({@link MetricsMBean}), the Micrometer {@code AnonFtpMeterBinder} and the runnable server's Prometheus endpoint.
 * Components register their meters here: counters they increment ({@link #counter}) and gauges or counters read
 * from statistics they keep themselves ({@link #series}).
 *
 * <p>Counting is a map lookup and a {@link LongAdder} increment. Label values come from fixed token lists, but a
 * site's own e-mail policy may invent reason tokens: each meter keeps at most {@value #MAX_SERIES} series, and
 * further label values are counted under {@code other}. Thread-safe.
 */
public final class AnonFtpMetrics {

    /** Series per meter at most; past it, new label values are counted as {@code other}. */
    public static final int MAX_SERIES = 200;

    private static final String OTHER = "other";

    private final Map<String, Meter> meters = new LinkedHashMap<>();
    private final Map<String, Series> series = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final Map<String, Integer> seriesPerMeter = new ConcurrentHashMap<>();
    private final List<Consumer<Series>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a meter; registering the same name again returns the meter registered first if it is the same. */
    public synchronized Meter meter(String name, Meter.Type type, String help, String... labels) {
        Meter meter = new Meter(name, type, help, Arrays.asList(labels));
        Meter known = meters.putIfAbsent(name, meter);
        if (known != null && !known.equals(meter)) {
            throw new IllegalArgumentException("meter " + name + " is registered already as " + known);
        }
        return known != null ? known : meter;
    }

    /** A series whose value is read from {@code source} whenever an exporter asks (statistics kept elsewhere). */
    public void series(Meter meter, DoubleSupplier source, String... labelValues) {
        add(new Series(known(meter), Arrays.asList(labelValues), source));
    }

    /**
     * The counter of {@code meter} with these label values, made on first use: increment the adder it returns.
     * Keep the adder when the labels are fixed; look it up per event when they vary.
     */
    public LongAdder counter(Meter meter, String... labelValues) {
        String id = Series.id(meter, Arrays.asList(labelValues));
        LongAdder counter = counters.get(id);
        return counter != null ? counter : create(known(meter), labelValues, id);
    }

    private synchronized LongAdder create(Meter meter, String[] labelValues, String id) {
        LongAdder counter = counters.get(id);
        if (counter != null) {
            return counter;
        }
        if (seriesPerMeter.getOrDefault(meter.name(), 0) >= MAX_SERIES && labelValues.length > 0) {
            String[] other = new String[labelValues.length];
            Arrays.fill(other, OTHER);
            String otherId = Series.id(meter, Arrays.asList(other));
            counter = counters.get(otherId);
            if (counter != null) {
                return counter;
            }
            labelValues = other;
            id = otherId;
        }
        LongAdder created = new LongAdder();
        counters.put(id, created);
        add(new Series(meter, Arrays.asList(labelValues), created::sum));
        return created;
    }

    private synchronized void add(Series added) {
        if (series.putIfAbsent(added.id(), added) != null) {
            throw new IllegalArgumentException("series " + added.id() + " is registered already");
        }
        seriesPerMeter.merge(added.meter().name(), 1, Integer::sum);
        for (Consumer<Series> listener : listeners) {
            listener.accept(added);
        }
    }

    private synchronized Meter known(Meter meter) {
        if (!meter.equals(meters.get(meter.name()))) {
            throw new IllegalArgumentException("meter " + meter.name() + " is not registered here");
        }
        return meter;
    }

    /** Every meter, in registration order. */
    public synchronized List<Meter> meters() {
        return List.copyOf(meters.values());
    }

    /** Every series now, sorted by meter registration order and then id. */
    public synchronized List<Series> series() {
        List<String> order = new ArrayList<>(meters.keySet());
        List<Series> all = new ArrayList<>(series.values());
        all.sort(Comparator.comparingInt((Series s) -> order.indexOf(s.meter().name())).thenComparing((Series s) -> s.id()));
        return all;
    }

    /** The current value of the series {@code name} with these label values; 0 when it has none yet. */
    public double value(String name, String... labelValues) {
        Meter meter;
        synchronized (this) {
            meter = meters.get(name);
        }
        Objects.requireNonNull(meter, () -> "no meter " + name);
        Series found = series.get(Series.id(meter, Arrays.asList(labelValues)));
        return found == null ? 0 : found.value();
    }

    /** The series {@code id} (as {@link Series#id()}), or null. */
    public Series find(String id) {
        return series.get(id);
    }

    /**
     * Calls {@code listener} with every series there is, then with each new one as it appears (on the thread that
     * made it: keep it short). For exporters that register series one by one, such as Micrometer.
     */
    public synchronized void forEachSeries(Consumer<Series> listener) {
        series().forEach(listener);
        listeners.add(listener);
    }
}

package io.github.anonftp.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds {@link AnonFtpMetrics} to a Micrometer registry, for applications that embed anonftp: every series becomes
 * a {@link FunctionCounter} or a {@link Gauge} with the series' labels as tags, named so that Micrometer's
 * Prometheus naming gives back anonftp's names ({@code anonftp.logins} → {@code anonftp_logins_total}). Series
 * that appear later (a new refusal reason) are registered when they appear.
 *
 * <p>Needs {@code io.micrometer:micrometer-core} on the class path: an optional dependency of anonftp, absent from
 * the drop-in jar.
 */
public final class AnonFtpMeterBinder implements MeterBinder {

    private final AnonFtpMetrics metrics;

    public AnonFtpMeterBinder(AnonFtpMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        metrics.forEachSeries(series -> register(registry, series));
    }

    private static void register(MeterRegistry registry, Series series) {
        Meter meter = series.meter();
        Tags tags = Tags.empty();
        for (int i = 0; i < meter.labels().size(); i++) {
            tags = tags.and(meter.labels().get(i), series.labelValues().get(i));
        }
        if (meter.type() == Meter.Type.COUNTER) {
            FunctionCounter.builder(micrometerName(meter), series, Series::value).description(meter.help()).tags(tags)
                    .register(registry);
        } else {
            Gauge.builder(micrometerName(meter), series, Series::value).description(meter.help()).tags(tags)
                    .register(registry);
        }
    }

    /** {@code anonftp_logins_total} → {@code anonftp.logins}: Micrometer adds {@code _total} for counters. */
    static String micrometerName(Meter meter) {
        String name = meter.type() == Meter.Type.COUNTER
                ? meter.name().substring(0, meter.name().length() - "_total".length()) : meter.name();
        return name.replace('_', '.');
    }
}

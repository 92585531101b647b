package io.github.anonftp.ftpserver;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

import io.github.anonftp.accesslog.AccessLog;
import io.github.anonftp.accesslog.Outcome;
import io.github.anonftp.metrics.AnonFtpMetrics;
import io.github.anonftp.metrics.Meter;
import io.github.anonftp.ratelimit.RateLimiter;

/**
 * The ftplet's meters, one set for every exporter (the table in docs/operations.md): what happens in sessions,
 * counted as {@link SessionEvents} turns it into access-log events, plus gauges and counters read from the rate
 * limiter's and the access log's own statistics. Other components add their meters to the same
 * {@link AnonFtpMetrics}.
 */
final class FtpletMeters {

    private static final String NONE = "none";

    private final AnonFtpMetrics metrics;
    private final LongAdder admitted;
    private final Meter refused;
    private final Meter dryRun;
    private final Meter logins;
    private final Meter transfers;
    private final Meter denied;
    private final Map<Outcome, String> outcomes = new EnumMap<>(Outcome.class);
    private final LongAdder bytesUp;
    private final LongAdder bytesDown;

    FtpletMeters(AnonFtpMetrics metrics) {
        this.metrics = metrics;
        this.admitted = metrics.counter(metrics.meter("anonftp_connections_admitted_total", Meter.Type.COUNTER,
                "Connections admitted (in a dry run: also those a limit would have refused)"));
        this.refused = metrics.meter("anonftp_connections_refused_total", Meter.Type.COUNTER,
                "Connections refused or closed by a limit, by reason", "reason");
        this.dryRun = metrics.meter("anonftp_dry_run_refusals_total", Meter.Type.COUNTER,
                "Refusals a dry run reported but did not enforce, by reason", "reason");
        this.logins = metrics.meter("anonftp_logins_total", Meter.Type.COUNTER,
                "Answered logins by outcome, e-mail verdict (none for real users and refusals before PASS) and reason",
                "outcome", "verdict", "reason");
        this.transfers = metrics.meter("anonftp_transfers_total", Meter.Type.COUNTER,
                "Transfers by direction and status", "direction", "status");
        this.denied = metrics.meter("anonftp_commands_denied_total", Meter.Type.COUNTER,
                "Guest commands refused (drop-box rules and bounds, TLS, file rules), by command and reason", "command",
                "reason");
        Meter bytes = metrics.meter("anonftp_transfer_bytes_total", Meter.Type.COUNTER,
                "Bytes transferred on data connections, by direction", "direction");
        this.bytesUp = metrics.counter(bytes, "upload");
        this.bytesDown = metrics.counter(bytes, "download");
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, outcome.token());
        }
    }

    /** Gauges and counters read from the ftplet, its limiter and its access log when an exporter asks. */
    void observe(IntSupplier openSessions, IntSupplier guests, RateLimiter limiter, AccessLog log) {
        metrics.series(metrics.meter("anonftp_sessions_open", Meter.Type.GAUGE, "Control connections open"),
                openSessions::getAsInt);
        metrics.series(metrics.meter("anonftp_guests_logged_in", Meter.Type.GAUGE,
                "Guest sessions logged in (guest slots held)"), guests::getAsInt);
        metrics.series(metrics.meter("anonftp_bans_started_total", Meter.Type.COUNTER, "Bans started"),
                () -> limiter.stats().bansStarted());
        metrics.series(metrics.meter("anonftp_bans_active", Meter.Type.GAUGE, "Bans in force now"),
                () -> limiter.activeBans().size());
        metrics.series(metrics.meter("anonftp_clients_tracked", Meter.Type.GAUGE,
                "Client keys the rate limiter remembers"), () -> limiter.stats().trackedClients());
        metrics.series(metrics.meter("anonftp_client_evictions_total", Meter.Type.COUNTER,
                "Idle client states dropped to stay within rateLimit.maxTrackedClients"),
                () -> limiter.stats().evictions());
        Meter records = metrics.meter("anonftp_accesslog_records_total", Meter.Type.COUNTER,
                "Access-log records by result: written (accepted by the writer), dropped (queue full or closed),"
                        + " failed (format or write failed)", "result");
        metrics.series(records, () -> log.stats().written(), "written");
        metrics.series(records, () -> log.stats().dropped(), "dropped");
        metrics.series(records, () -> log.stats().failed(), "failed");
        metrics.series(metrics.meter("anonftp_accesslog_queued", Meter.Type.GAUGE,
                "Access-log records waiting to be written"), log::queued);
        if (limiter.stats().shared().shared()) {
            observeSharedStore(limiter);
        }
    }

    /**
     * The farm's shared store (Redis), only for a limiter that has one: a node alone shows none of these rather
     * than a row of zeros and an "available" 1 that would suggest a farm.
     */
    private void observeSharedStore(RateLimiter limiter) {
        metrics.series(metrics.meter("anonftp_shared_store_available", Meter.Type.GAUGE,
                "1 while the shared store (Redis) answers, 0 while this node decides alone or refuses"),
                () -> limiter.stats().shared().available() ? 1 : 0);
        metrics.series(metrics.meter("anonftp_shared_store_errors_total", Meter.Type.COUNTER,
                "Shared-store calls that failed or timed out"), () -> limiter.stats().shared().errors());
        metrics.series(metrics.meter("anonftp_shared_store_outages_total", Meter.Type.COUNTER,
                "Times this node lost the shared store"), () -> limiter.stats().shared().outages());
        metrics.series(metrics.meter("anonftp_shared_store_recoveries_total", Meter.Type.COUNTER,
                "Times this node got the shared store back"), () -> limiter.stats().shared().recoveries());
        metrics.series(metrics.meter("anonftp_shared_store_local_decisions_total", Meter.Type.COUNTER,
                "Admissions, failed logins, bans and upload-quota steps this node decided alone while the shared"
                        + " store was away"), () -> limiter.stats().shared().localDecisions());
        metrics.series(metrics.meter("anonftp_shared_store_reregistered_slots_total", Meter.Type.COUNTER,
                "Session slots written back to the shared store at recoveries"),
                () -> limiter.stats().shared().reRegisteredSlots());
    }

    void admitted() {
        admitted.increment();
    }

    void refused(String reason, boolean dry) {
        metrics.counter(dry ? dryRun : refused, reason).increment();
    }

    void login(Outcome outcome, String verdict, String reason) {
        metrics.counter(logins, outcomes.get(outcome), verdict == null ? NONE : verdict,
                reason == null ? NONE : reason).increment();
    }

    /** A refused command; {@code reason} (may be null) is the drop box's token, such as {@code too-large}. */
    void denied(String command, String reason) {
        metrics.counter(denied, command, reason == null ? NONE : reason).increment();
    }

    void transfer(boolean upload, String status, long bytes) {
        metrics.counter(transfers, upload ? "upload" : "download", status).increment();
        (upload ? bytesUp : bytesDown).add(bytes);
    }
}

package io.github.anonftp.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.github.anonftp.accesslog.AccessEvent;
import io.github.anonftp.accesslog.AccessLogFormat;
import io.github.anonftp.accesslog.AddressPrivacy;
import io.github.anonftp.accesslog.Direction;
import io.github.anonftp.accesslog.EventType;
import io.github.anonftp.accesslog.IpPrivacy;
import io.github.anonftp.accesslog.JsonLinesFormat;
import io.github.anonftp.accesslog.Outcome;
import io.github.anonftp.accesslog.Privacy;
import io.github.anonftp.accesslog.TransferStatus;
import io.github.anonftp.accesslog.Verdict;
import io.github.anonftp.accesslog.XferlogFormat;

/**
 * The cost of one access-log record: building the event as the FTP glue does (on the FTP thread), then
 * applying privacy and formatting it as the writer thread does. {@code login} and {@code transfer} are one
 * record each; the baseline {@code concatenation} builds a similar line by plain string concatenation
 * without escaping, for a ratio in the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class AccessRecordBenchmark {

    /** {@code json} or {@code xferlog} (xferlog writes transfers only: its login row measures a null result). */
    @Param({"json", "xferlog"})
    public String format;

    /** {@code full}: no privacy; {@code hashed}: HMAC of the address and the IP. */
    @Param({"full", "hashed"})
    public String privacy;

    private AccessLogFormat lines;
    private Privacy mapping;
    private final Instant now = Instant.parse("2026-11-24T00:39:11.123Z");

    @Setup
    public void setUp() {
        lines = format.equals("json") ? new JsonLinesFormat(256) : new XferlogFormat(256, ZoneOffset.UTC);
        mapping = privacy.equals("full") ? Privacy.of(AddressPrivacy.FULL, IpPrivacy.FULL, null)
                : Privacy.of(AddressPrivacy.HMAC, IpPrivacy.HMAC, "a-benchmark-secret-of-some-length");
    }

    @Benchmark
    public String login() {
        AccessEvent event = AccessEvent.of(EventType.LOGIN, now, "5f0c1c9e-7a3e-4c3b-9a57-0c1b2d3e4f50", "192.0.2.10",
                51234).outcome(Outcome.OK).user("anonymous").account("anonymous").email("jane.doe@example.org")
                .verdict(Verdict.ACCEPT).reason("ok").reply(230).build();
        return lines.format(mapping.apply(event));
    }

    @Benchmark
    public String transfer() {
        AccessEvent event = AccessEvent.of(EventType.TRANSFER, now, "5f0c1c9e-7a3e-4c3b-9a57-0c1b2d3e4f50",
                "192.0.2.10", 51234).direction(Direction.DOWNLOAD).path("/pub/linux/kernel/v6.x/linux-6.18.tar.xz")
                .bytes(148_000_000L).durationMs(1234L).transferType("b").status(TransferStatus.COMPLETE)
                .account("anonymous").email("jane.doe@example.org").build();
        return lines.format(mapping.apply(event));
    }

    @Benchmark
    public String concatenation() {
        return "{\"v\":1,\"ts\":\"" + now + "\",\"event\":\"login\",\"session\":\"5f0c1c9e\",\"ip\":\"192.0.2.10\","
                + "\"port\":" + 51234 + ",\"outcome\":\"ok\",\"email\":\"" + "jane.doe@example.org" + "\"}";
    }
}

package io.github.anonftp.ratelimit;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.SynchronizationStrategy;

/**
 * The limiter of one server, in memory: a {@link ClientState} per {@link ClientKey} in a {@link ClientTable},
 * with Bucket4j token buckets for connections, failed logins and commands.
 *
 * <p>Memory is bounded: idle clients are at most {@code rateLimit.maxTrackedClients} and expire once nothing
 * about them matters any more; a client with an open connection or an active ban is live, never evicted nor
 * expired, so a spray of addresses evicts only idle strangers. Live clients are bounded by the open connections
 * plus the clients under an active ban (see {@link ClientTable}). Every operation is O(1), except a sweep of the
 * live clients at most once a second, and holds the per-key lock only for arithmetic and the move between
 * tiers. Thread-safe.
 */
public final class InMemoryRateLimiter implements RateLimiter {

    private final RateLimitConfig config;
    private final ClockTime time;
    private final ClientTable clients;
    private final Bandwidth connectionLimit;
    private final Bandwidth failureLimit;
    private final Bandwidth commandLimit;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final LongAdder bansStarted = new LongAdder();
    private final Map<Refusal, LongAdder> refusals = counters();
    private final Map<Refusal, LongAdder> dryRunRefusals = counters();
    // Stored once: a method reference made per call would allocate on every admission and release.
    private final BiFunction<ClientKey, ClientState, ClientState> admitting = this::admitting;
    private final BiFunction<ClientKey, ClientState, ClientState> releasing = this::releasing;

    public InMemoryRateLimiter(RateLimitConfig config) {
        this(config, ClockTime.system());
    }

    /** With an injected clock, for tests: every time-based rule reads it. */
    public InMemoryRateLimiter(RateLimitConfig config, Clock clock) {
        this(config, ClockTime.of(clock));
    }

    private InMemoryRateLimiter(RateLimitConfig config, ClockTime time) {
        this.config = config;
        this.time = time;
        long idleLifetime = Math.max(1, Math.max(config.loginFailureWindow().toNanos(),
                refillTime(config.connectionRate(), config.effectiveConnectionBurst())));
        this.clients = new ClientTable(time, config.maxTrackedClients(), idleLifetime,
                config.maxBanDuration().toNanos());
        this.connectionLimit = bandwidth(config.effectiveConnectionBurst(), config.connectionRate());
        this.failureLimit = config.maxLoginFailures() == 0 ? null
                : bandwidth(config.maxLoginFailures(), Rate.of(config.maxLoginFailures(), config.loginFailureWindow()));
        this.commandLimit = bandwidth(config.effectiveCommandBurst(), config.commandRate());
    }

    private static Bandwidth bandwidth(long capacity, Rate rate) {
        if (rate.isOff()) {
            return null;
        }
        return Bandwidth.builder().capacity(capacity).refillGreedy(rate.count(), rate.period()).build();
    }

    private static Map<Refusal, LongAdder> counters() {
        Map<Refusal, LongAdder> map = new EnumMap<>(Refusal.class);
        for (Refusal refusal : Refusal.values()) {
            map.put(refusal, new LongAdder());
        }
        return map;
    }

    @Override
    public RateLimitConfig config() {
        return config;
    }

    @Override
    public ClientKey keyOf(InetAddress address) {
        return ClientKey.of(address, config.ipv4PrefixLength(), config.ipv6PrefixLength());
    }

    @Override
    public Instant now() {
        return time.now();
    }

    @Override
    public Admission admit(InetAddress address) {
        ClientKey key = keyOf(address);
        Refusal wouldRefuse = null; // dry run: the first refusal that did not stop the admission
        // isEmpty() first: contains() reads the address's bytes (a copy) even for an empty set.
        if (!config.deniedNetworks().isEmpty() && config.deniedNetworks().contains(address)) {
            Admission refused = Admission.deny(Refusal.DENIED_NETWORK, Duration.ZERO, 0);
            if (!config.dryRun()) {
                return count(refused, key);
            }
            reportDryRun(refused.refusal(), key);
            wouldRefuse = Refusal.DENIED_NETWORK;
        }
        if (!config.allowedNetworks().isEmpty() && config.allowedNetworks().contains(address)) {
            openConnections.incrementAndGet();
            return wouldRefuse == null ? Admission.allow(new ExemptLease(key))
                    : Admission.allowDryRun(new ExemptLease(key), wouldRefuse, Duration.ZERO, 0);
        }
        if (!reserveConnection()) {
            Admission refused = Admission.deny(Refusal.SERVER_FULL, Duration.ZERO, config.maxConnections());
            if (!config.dryRun()) {
                return count(refused, key);
            }
            reportDryRun(refused.refusal(), key);
            openConnections.incrementAndGet();
            wouldRefuse = wouldRefuse != null ? wouldRefuse : Refusal.SERVER_FULL;
        }
        Verdict verdict = Verdict.current();
        clients.compute(key, admitting);
        Refusal refusal = verdict.refusal;
        long retryAfter = verdict.retryAfterNanos;
        long limit = verdict.limit;
        clients.sweepIfDue(verdict.now);
        if (refusal == null) {
            return wouldRefuse == null ? Admission.allow(new ClientLease(key))
                    : Admission.allowDryRun(new ClientLease(key), wouldRefuse, Duration.ZERO,
                            wouldRefuse == Refusal.SERVER_FULL ? config.maxConnections() : 0);
        }
        if (config.dryRun()) {
            reportDryRun(refusal, key);
            return Admission.allowDryRun(new ClientLease(key), refusal, Duration.ofNanos(retryAfter), limit);
        }
        openConnections.decrementAndGet();
        return count(Admission.deny(refusal, Duration.ofNanos(retryAfter), limit), key);
    }

    /** The admission's compute: decides under the client's lock and leaves the decision in the thread's verdict. */
    private ClientState admitting(ClientKey key, ClientState current) {
        ClientState state = clients.take(key, current);
        long now = time.nanos();
        Verdict verdict = Verdict.current();
        decide(state, now, verdict);
        if (verdict.refusal == null || config.dryRun()) {
            state.openSessions++;
        }
        return clients.file(key, state, now);
    }

    /** Records in {@code verdict} the refusal the client's state calls for, or none to admit. */
    private void decide(ClientState state, long now, Verdict verdict) {
        long banUntil = state.banUntil;
        if (banUntil > now) {
            verdict.refuse(Refusal.BANNED, banUntil - now, config.maxLoginFailures(), now);
            return;
        }
        if (connectionLimit != null) {
            ConsumptionProbe probe = state.connections(time, connectionLimit).tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                verdict.refuse(Refusal.CONNECTION_RATE, probe.getNanosToWaitForRefill(),
                        config.connectionRate().count(), now);
                return;
            }
        }
        if (config.maxSessionsPerClient() > 0 && state.openSessions >= config.maxSessionsPerClient()) {
            verdict.refuse(Refusal.TOO_MANY_SESSIONS, 0, config.maxSessionsPerClient(), now);
            return;
        }
        verdict.admit(now);
    }

    private boolean reserveConnection() {
        int max = config.maxConnections();
        while (true) {
            int open = openConnections.get();
            if (max > 0 && open >= max) {
                return false;
            }
            if (openConnections.compareAndSet(open, open + 1)) {
                return true;
            }
        }
    }

    private Admission count(Admission refused, ClientKey key) {
        refusals.get(refused.refusal()).increment();
        return refused;
    }

    private void reportDryRun(Refusal wouldRefuse, ClientKey key) {
        dryRunRefusals.get(wouldRefuse).increment();
    }

    @Override
    public void refused(Refusal reason, ClientKey key) {
        (config.dryRun() ? dryRunRefusals : refusals).get(reason).increment();
    }

    @Override
    public Optional<Ban> loginFailed(Lease lease) {
        if (lease.isExempt() || failureLimit == null) {
            return Optional.empty();
        }
        Ban[] started = new Ban[1];
        clients.compute(lease.key(), (key, current) -> {
            ClientState state = clients.take(key, current);
            long now = time.nanos();
            var failures = state.failures(time, failureLimit);
            failures.tryConsume(1);
            if (failures.getAvailableTokens() <= 0 && !state.isBanned(now)) {
                started[0] = startBan(key, state, now);
                failures.reset();
            }
            return clients.fileChanged(key, state, now);
        });
        if (started[0] != null) {
            bansStarted.increment();
        }
        return Optional.ofNullable(started[0]);
    }

    private Ban startBan(ClientKey key, ClientState state, long now) {
        boolean repeat = state.strikes > 0 && now - state.banUntil <= config.maxBanDuration().toNanos();
        state.strikes = repeat ? state.strikes + 1 : 1;
        Duration length = banLength(state.strikes);
        state.banUntil = now + length.toNanos();
        return new Ban(key, time.instantOf(state.banUntil), state.strikes, length);
    }

    private Duration banLength(int strike) {
        Duration length = config.banDuration();
        for (int i = 1; i < strike && length.compareTo(config.maxBanDuration()) < 0; i++) {
            length = length.multipliedBy(config.banEscalation());
        }
        return length.compareTo(config.maxBanDuration()) > 0 ? config.maxBanDuration() : length;
    }

    @Override
    public Optional<Ban> activeBan(ClientKey key) {
        ClientState state = clients.find(key);
        if (state == null) {
            return Optional.empty();
        }
        long now = time.nanos();
        long until = state.banUntil;
        int strikes = state.strikes;
        if (until <= now) {
            return Optional.empty();
        }
        return Optional.of(new Ban(key, time.instantOf(until), strikes, banLength(strikes)));
    }

    @Override
    public List<Ban> activeBans() {
        long now = time.nanos();
        List<Ban> bans = new ArrayList<>();
        // An active ban keeps its client live, so the live tier holds every one of them.
        clients.forEachLive((key, state) -> {
            long until = state.banUntil;
            int strikes = state.strikes;
            if (until > now) {
                bans.add(new Ban(key, time.instantOf(until), strikes, banLength(strikes)));
            }
        });
        return bans;
    }

    @Override
    public Ban ban(ClientKey key, Duration length) {
        if (length == null || length.isNegative() || length.isZero() || length.compareTo(config.maxBanDuration()) > 0) {
            throw new IllegalArgumentException("a ban's length must be positive and at most rateLimit.maxBanDuration ("
                    + config.maxBanDuration() + "): " + length);
        }
        Ban[] made = new Ban[1];
        clients.compute(key, (k, current) -> {
            ClientState state = clients.take(k, current);
            long now = time.nanos();
            state.strikes++;
            state.banUntil = now + length.toNanos();
            made[0] = new Ban(k, time.instantOf(state.banUntil), state.strikes, length);
            return clients.fileChanged(k, state, now);
        });
        bansStarted.increment();
        return made[0];
    }

    @Override
    public void forget(ClientKey key) {
        clients.compute(key, (k, current) -> {
            ClientState state = current != null ? current : clients.peekIdle(k);
            if (state == null) {
                return null;
            }
            long now = time.nanos();
            state.forget(now);
            return current != null ? clients.fileChanged(k, state, now) : null;
        });
    }

    @Override
    public void unban(ClientKey key) {
        clients.compute(key, (k, current) -> {
            // An idle client has no active ban (bans start live and keep the client live), but lift it anyway.
            ClientState state = current != null ? current : clients.peekIdle(k);
            if (state == null) {
                return null;
            }
            long now = time.nanos();
            state.banUntil = Math.min(state.banUntil, now);
            return current != null ? clients.file(k, state, now) : null;
        });
    }

    @Override
    public UploadAllowance uploadAllowance(ClientKey key) {
        if (!config.hasUploadQuotas()) {
            return UploadAllowance.UNLIMITED;
        }
        UploadAllowance[] result = new UploadAllowance[1];
        clients.compute(key, (k, current) -> {
            ClientState state = clients.take(k, current);
            long now = time.nanos();
            state.rollUploadWindows(now);
            result[0] = allowance(state, now);
            return clients.fileChanged(k, state, now);
        });
        return result[0];
    }

    @Override
    public UploadAllowance startUpload(ClientKey key) {
        if (!config.hasUploadQuotas()) {
            return UploadAllowance.UNLIMITED;
        }
        UploadAllowance[] result = new UploadAllowance[1];
        clients.compute(key, (k, current) -> {
            ClientState state = clients.take(k, current);
            long now = time.nanos();
            state.rollUploadWindows(now);
            UploadAllowance allowance = allowance(state, now);
            if (allowance.isAllowed() && !config.uploadFilesPerClient().isOff()) {
                if (state.filesWindowEnd == 0) {
                    state.filesWindowEnd = now + config.uploadFilesPerClient().period().toNanos();
                }
                state.uploadFiles++;
            }
            result[0] = allowance;
            return clients.fileChanged(k, state, now);
        });
        if (!result[0].isAllowed()) {
            refusals.get(result[0].refusal()).increment();
        }
        return result[0];
    }

    /** The quotas' state at {@code now}; windows already rolled. */
    private UploadAllowance allowance(ClientState state, long now) {
        Rate bytes = config.uploadQuotaPerClient();
        Rate files = config.uploadFilesPerClient();
        long bytesLeft = bytes.isOff() ? Long.MAX_VALUE : Math.max(0, bytes.count() - state.uploadBytes);
        long filesLeft = files.isOff() ? Long.MAX_VALUE : Math.max(0, files.count() - state.uploadFiles);
        if (filesLeft == 0) {
            return new UploadAllowance(Refusal.UPLOAD_FILES, Duration.ofNanos(state.filesWindowEnd - now), 0, 0);
        }
        if (bytesLeft == 0) {
            return new UploadAllowance(Refusal.UPLOAD_QUOTA, Duration.ofNanos(state.bytesWindowEnd - now), 0,
                    filesLeft);
        }
        return new UploadAllowance(null, Duration.ZERO, bytesLeft, filesLeft);
    }

    @Override
    public long claimUploadBytes(ClientKey key, long bytes) {
        Rate quota = config.uploadQuotaPerClient();
        if (quota.isOff() || bytes <= 0) {
            return Math.max(0, bytes);
        }
        long[] granted = new long[1];
        clients.compute(key, (k, current) -> {
            ClientState state = clients.take(k, current);
            long now = time.nanos();
            state.rollUploadWindows(now);
            if (state.bytesWindowEnd == 0) {
                state.bytesWindowEnd = now + quota.period().toNanos();
            }
            granted[0] = Math.min(bytes, Math.max(0, quota.count() - state.uploadBytes));
            state.uploadBytes += granted[0];
            return clients.fileChanged(k, state, now);
        });
        if (granted[0] < bytes) {
            refusals.get(Refusal.UPLOAD_QUOTA).increment();
        }
        return granted[0];
    }

    @Override
    public void returnUpload(ClientKey key, long bytes, boolean file) {
        if (!config.hasUploadQuotas() || (bytes <= 0 && !file)) {
            return;
        }
        clients.compute(key, (k, current) -> {
            ClientState state = clients.take(k, current);
            long now = time.nanos();
            state.rollUploadWindows(now);
            state.uploadBytes = Math.max(0, state.uploadBytes - Math.max(0, bytes));
            if (file) {
                state.uploadFiles = Math.max(0, state.uploadFiles - 1);
            }
            return clients.fileChanged(k, state, now);
        });
    }

    @Override
    public RateLimitStats stats() {
        clients.sweep();
        return new RateLimitStats(clients.size(), clients.evictions(), openConnections.get(), bansStarted.sum(),
                snapshot(refusals), snapshot(dryRunRefusals));
    }

    /** Clients with an open connection or an active ban (the live tier), for tests. */
    int liveClients() {
        return clients.liveSize();
    }

    private static Map<Refusal, Long> snapshot(Map<Refusal, LongAdder> counters) {
        Map<Refusal, Long> copy = new EnumMap<>(Refusal.class);
        counters.forEach((reason, count) -> copy.put(reason, count.sum()));
        return Map.copyOf(copy);
    }

    private void released(ClientKey key) {
        openConnections.decrementAndGet();
        clients.computeIfLive(key, releasing); // a client with an open connection is live
    }

    /** The release's compute: one session fewer, and the client goes idle when nothing keeps it live. */
    private ClientState releasing(ClientKey key, ClientState state) {
        state.openSessions = Math.max(0, state.openSessions - 1);
        return clients.file(key, state, time.nanos());
    }

    private static long refillTime(Rate rate, long burst) {
        return rate.isOff() ? 0 : rate.period().toNanos() * Math.max(1, burst) / Math.max(1, rate.count());
    }

    /** A connection from an allowed network: counted server-wide only. */
    private final class ExemptLease extends AbstractLease {
        ExemptLease(ClientKey key) {
            super(key);
        }

        @Override
        Bucket newCommandBucket() {
            return null;
        }

        @Override
        public boolean isExempt() {
            return true;
        }

        @Override
        void onRelease() {
            openConnections.decrementAndGet();
        }
    }

    private final class ClientLease extends AbstractLease {
        ClientLease(ClientKey key) {
            super(key);
        }

        @Override
        Bucket newCommandBucket() {
            return commandLimit == null ? null : Bucket.builder().addLimit(commandLimit).withCustomTimePrecision(time)
                    .withSynchronizationStrategy(SynchronizationStrategy.NONE).build();
        }

        @Override
        public boolean isExempt() {
            return false;
        }

        @Override
        void onRelease() {
            released(key());
        }
    }

}

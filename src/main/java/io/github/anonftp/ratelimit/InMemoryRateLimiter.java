package io.github.anonftp.ratelimit;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.checkerframework.checker.index.qual.NonNegative;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.local.SynchronizationStrategy;

/**
 * The limiter of one server, in memory: a bounded Caffeine cache of {@link ClientState} per
 * {@link ClientKey}, with Bucket4j token buckets for connections, failed logins and commands.
 *
 * <p>Memory is bounded by {@code rateLimit.maxTrackedClients}: an idle client weighs 1 and expires once
 * nothing about it matters any more; a client with an open connection or an active ban weighs 0 and does
 * not expire, so a spray of addresses evicts only idle strangers. Every operation is O(1) and holds the
 * cache's per-key lock only for arithmetic. Thread-safe.
 */
public final class InMemoryRateLimiter implements RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryRateLimiter.class);

    private final RateLimitConfig config;
    private final ClockTime time;
    private final long idleLifetime;
    private final long strikeMemory;
    private final Cache<ClientKey, ClientState> clients;
    private final Bandwidth connectionLimit;
    private final Bandwidth failureLimit;
    private final Bandwidth commandLimit;
    private final AtomicInteger openConnections = new AtomicInteger();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder bansStarted = new LongAdder();
    private final Map<Refusal, LongAdder> refusals = counters();
    private final Map<Refusal, LongAdder> dryRunRefusals = counters();

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
        this.idleLifetime = Math.max(1, Math.max(config.loginFailureWindow().toNanos(),
                refillTime(config.connectionRate(), config.effectiveConnectionBurst())));
        this.strikeMemory = config.maxBanDuration().toNanos();
        this.connectionLimit = bandwidth(config.effectiveConnectionBurst(), config.connectionRate());
        this.failureLimit = config.maxLoginFailures() == 0 ? null
                : bandwidth(config.maxLoginFailures(), Rate.of(config.maxLoginFailures(), config.loginFailureWindow()));
        this.commandLimit = bandwidth(config.effectiveCommandBurst(), config.commandRate());
        this.clients = Caffeine.newBuilder()
                .maximumWeight(config.maxTrackedClients())
                .<ClientKey, ClientState>weigher((key, state) -> state.isPinned() ? 0 : 1)
                .expireAfter(new StateExpiry())
                .ticker(time)
                .executor(Runnable::run) // maintenance on the calling thread: the bound holds at once
                .evictionListener((ClientKey key, ClientState state, RemovalCause cause) -> {
                    if (cause == RemovalCause.SIZE) {
                        evictions.increment();
                    }
                })
                .build();
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
        if (config.deniedNetworks().contains(address)) {
            Admission refused = Admission.deny(Refusal.DENIED_NETWORK, Duration.ZERO, 0);
            if (!config.dryRun()) {
                return count(refused, key);
            }
            reportDryRun(refused, key);
        }
        if (config.allowedNetworks().contains(address)) {
            openConnections.incrementAndGet();
            return Admission.allow(new ExemptLease(key));
        }
        if (!reserveConnection()) {
            Admission refused = Admission.deny(Refusal.SERVER_FULL, Duration.ZERO, config.maxConnections());
            if (!config.dryRun()) {
                return count(refused, key);
            }
            reportDryRun(refused, key);
            openConnections.incrementAndGet();
        }
        Admission[] decision = new Admission[1];
        clients.asMap().compute(key, (k, existing) -> {
            ClientState state = existing == null ? new ClientState() : existing;
            long now = time.nanos();
            decision[0] = decide(state, now);
            if (decision[0] == null || config.dryRun()) {
                state.openSessions++;
            }
            state.settle(now, idleLifetime, strikeMemory);
            return state;
        });
        if (decision[0] == null) {
            return Admission.allow(new ClientLease(key));
        }
        if (config.dryRun()) {
            reportDryRun(decision[0], key);
            return Admission.allowDryRun(new ClientLease(key), decision[0].refusal(), decision[0].retryAfter(),
                    decision[0].limit());
        }
        openConnections.decrementAndGet();
        return count(decision[0], key);
    }

    /** The refusal the client's state calls for, or null to admit; runs inside the per-key lock. */
    private Admission decide(ClientState state, long now) {
        if (state.isBanned(now)) {
            return Admission.deny(Refusal.BANNED, Duration.ofNanos(state.banUntil - now), config.maxLoginFailures());
        }
        if (connectionLimit != null) {
            ConsumptionProbe probe = state.connections(time, connectionLimit).tryConsumeAndReturnRemaining(1);
            if (!probe.isConsumed()) {
                return Admission.deny(Refusal.CONNECTION_RATE, Duration.ofNanos(probe.getNanosToWaitForRefill()),
                        config.connectionRate().count());
            }
        }
        if (config.maxSessionsPerClient() > 0 && state.openSessions >= config.maxSessionsPerClient()) {
            return Admission.deny(Refusal.TOO_MANY_SESSIONS, Duration.ZERO, config.maxSessionsPerClient());
        }
        return null;
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
        LOG.debug("Refused a connection from {}: {}", key, refused.refusal().token());
        return refused;
    }

    private void reportDryRun(Admission wouldRefuse, ClientKey key) {
        dryRunRefusals.get(wouldRefuse.refusal()).increment();
        LOG.info("dry_run: would refuse a connection from {}: {}", key, wouldRefuse.refusal().token());
    }

    @Override
    public void refused(Refusal reason, ClientKey key) {
        if (config.dryRun()) {
            dryRunRefusals.get(reason).increment();
            LOG.info("dry_run: would close a session of {}: {}", key, reason.token());
        } else {
            refusals.get(reason).increment();
            LOG.debug("Closed a session of {}: {}", key, reason.token());
        }
    }

    @Override
    public Optional<Ban> loginFailed(Lease lease) {
        if (lease.isExempt() || failureLimit == null) {
            return Optional.empty();
        }
        Ban[] started = new Ban[1];
        clients.asMap().compute(lease.key(), (key, existing) -> {
            ClientState state = existing == null ? new ClientState() : existing;
            long now = time.nanos();
            var failures = state.failures(time, failureLimit);
            failures.tryConsume(1);
            if (failures.getAvailableTokens() <= 0 && !state.isBanned(now)) {
                started[0] = startBan(key, state, now);
                failures.reset();
            }
            state.settle(now, idleLifetime, strikeMemory);
            return state;
        });
        if (started[0] != null) {
            bansStarted.increment();
            LOG.debug("Banned {} for {} (strike {})", started[0].key(), started[0].length(), started[0].strike());
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
        ClientState state = clients.getIfPresent(key);
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
    public void unban(ClientKey key) {
        clients.asMap().computeIfPresent(key, (k, state) -> {
            long now = time.nanos();
            state.banUntil = Math.min(state.banUntil, now);
            state.settle(now, idleLifetime, strikeMemory);
            return state;
        });
    }

    @Override
    public RateLimitStats stats() {
        clients.cleanUp();
        return new RateLimitStats(clients.estimatedSize(), evictions.sum(), openConnections.get(), bansStarted.sum(),
                snapshot(refusals), snapshot(dryRunRefusals));
    }

    private static Map<Refusal, Long> snapshot(Map<Refusal, LongAdder> counters) {
        Map<Refusal, Long> copy = new EnumMap<>(Refusal.class);
        counters.forEach((reason, count) -> copy.put(reason, count.sum()));
        return Map.copyOf(copy);
    }

    private void released(ClientKey key) {
        openConnections.decrementAndGet();
        clients.asMap().computeIfPresent(key, (k, state) -> {
            state.openSessions = Math.max(0, state.openSessions - 1);
            state.settle(time.nanos(), idleLifetime, strikeMemory);
            return state;
        });
    }

    private static long refillTime(Rate rate, long burst) {
        return rate.isOff() ? 0 : rate.period().toNanos() * Math.max(1, burst) / Math.max(1, rate.count());
    }

    /** Each entry lives as long as {@link ClientState#settle} said at its last write; reads do not extend it. */
    private static final class StateExpiry implements Expiry<ClientKey, ClientState> {

        @Override
        public long expireAfterCreate(ClientKey key, ClientState state, long currentTime) {
            return state.lifetime();
        }

        @Override
        public long expireAfterUpdate(ClientKey key, ClientState state, long currentTime,
                @NonNegative long currentDuration) {
            return state.lifetime();
        }

        @Override
        public long expireAfterRead(ClientKey key, ClientState state, long currentTime,
                @NonNegative long currentDuration) {
            return currentDuration;
        }
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

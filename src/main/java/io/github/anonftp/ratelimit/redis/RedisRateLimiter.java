package io.github.anonftp.ratelimit.redis;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.anonftp.ratelimit.Admission;
import io.github.anonftp.ratelimit.Ban;
import io.github.anonftp.ratelimit.CidrSet;
import io.github.anonftp.ratelimit.ClientKey;
import io.github.anonftp.ratelimit.InMemoryRateLimiter;
import io.github.anonftp.ratelimit.Lease;
import io.github.anonftp.ratelimit.Rate;
import io.github.anonftp.ratelimit.RateLimitConfig;
import io.github.anonftp.ratelimit.RateLimitStats;
import io.github.anonftp.ratelimit.RateLimiter;
import io.github.anonftp.ratelimit.Refusal;
import io.github.anonftp.ratelimit.UploadAllowance;
import io.github.anonftp.ratelimit.SharedStoreStats;
import io.github.anonftp.ratelimit.redis.RedisStore.Script;
import io.github.anonftp.ratelimit.redis.RedisStore.Unavailable;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.SynchronizationStrategy;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * The limiter of a server farm: the per-client session cap, connection rate, failed-login counts, bans (earned,
 * with escalation, and operators') and upload quotas live in Redis and hold across every node using the same
 * Redis and {@code rateLimit.redisPrefix}. Denied and allowed networks, the server-wide cap
 * ({@code rateLimit.maxConnections}) and the command rate stay per node.
 *
 * <p>Every shared decision is one Lua script ({@link Scripts}), so nodes admitting one client at the same
 * instant never exceed its cap. Session slots are leases: a slot's score is its expiry, which the maintenance
 * thread renews for every open session each third of {@code rateLimit.redisLease}; a node that dies frees its
 * slots within one lease, a clean {@link #close()} at once.
 *
 * <p>No FTP thread waits longer than {@code rateLimit.redisTimeout}. When Redis fails or is slow the node
 * decides alone ({@code open}: its own {@link InMemoryRateLimiter}, the bans it has seen or made, the sessions it
 * holds, its own upload counts)
 * or refuses ({@code closed}), warns once a minute at most, probes every second and, when Redis answers again,
 * writes back the slots of its open sessions before it uses Redis again. Thread-safe.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final int MAX_KNOWN_BANS = 10_000;
    private static final int MAX_PENDING_RELEASES = 100_000;
    /**
     * How long Redis's "not banned" for a client with an open session here is taken as still true: the USER and
     * PASS that follow an admission within it cost no round trip. A ban started on another node reaches the
     * open sessions here at most this late (new connections always ask Redis); one started here at once.
     */
    static final long BAN_CHECK_REUSE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RateLimitConfig config;
    private final RedisConfig redis;
    private final Clock clock;
    private final TimeMeter meter;
    private final RedisStore store;
    private final InMemoryRateLimiter local;
    private final Bandwidth commandLimit;
    private final String node;
    private final AtomicLong slots = new AtomicLong();
    private final long leaseMillis;
    private final AtomicInteger openConnections = new AtomicInteger();
    /** This node's open sessions (renewed, re-registered, released on close). */
    private final Map<SharedLease, Boolean> open = new ConcurrentHashMap<>();
    /** This node's clients with open sessions: their count (the session cap while Redis is away), ban checks. */
    private final ConcurrentHashMap<ClientKey, NodeClient> sessions = new ConcurrentHashMap<>();
    /**
     * Bans seen in Redis's answers or made through this node: they still apply while Redis is away, and
     * {@link #activeBans()} lists them (each checked in Redis while it answers).
     */
    private final ConcurrentHashMap<ClientKey, Ban> knownBans = new ConcurrentHashMap<>();
    /**
     * Slots of sessions that ended while Redis was away, {slots key, slot}: freed at the recovery, so that they
     * do not count until their lease runs out. Bounded; past the bound they simply expire.
     */
    private final Queue<String[]> pendingReleases = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final LongAdder bansStarted = new LongAdder();
    private final LongAdder localDecisions = new LongAdder();
    private final LongAdder reRegistered = new LongAdder();
    private final Map<Refusal, LongAdder> refusals = counters();
    private final Map<Refusal, LongAdder> dryRunRefusals = counters();
    private final ThreadLocal<Mac> hmac;
    private final ScheduledExecutorService maintenance;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisRateLimiter(RateLimitConfig config, RedisConfig redis, Clock clock, Logger log) {
        this.config = config;
        this.redis = redis;
        this.clock = clock != null ? clock : Clock.systemUTC();
        this.meter = clock != null ? new ClockMeter(clock) : TimeMeter.SYSTEM_NANOTIME;
        // This node alone, while Redis is away: sessions per client and the server-wide cap are counted here over
        // every session of the node (also those admitted through Redis), the network lists checked before.
        RateLimitConfig alone = config.toBuilder().maxSessionsPerClient(0).maxConnections(0)
                .allowedNetworks(CidrSet.EMPTY).deniedNetworks(CidrSet.EMPTY).dryRun(false).build();
        this.local = clock != null ? new InMemoryRateLimiter(alone, clock) : new InMemoryRateLimiter(alone);
        this.commandLimit = config.commandRate().isOff() ? null : Bandwidth.builder()
                .capacity(config.effectiveCommandBurst())
                .refillGreedy(config.commandRate().count(), config.commandRate().period()).build();
        this.node = Long.toHexString(new SecureRandom().nextLong() >>> 16);
        this.leaseMillis = redis.redisLease().toMillis();
        this.hmac = redis.keySecret() == null ? null : ThreadLocal.withInitial(() -> mac(redis.keySecret()));
        this.store = new RedisStore(redis, log);
        this.maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "anonftp-redis-" + node);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Connects and starts the maintenance thread. With {@code rateLimit.redisFailure=closed} an unreachable
     * Redis fails here; with {@code open} this logs a warning and keeps trying in the background.
     *
     * @throws FtpServerConfigurationException when Redis cannot be reached and the failure mode is closed
     */
    public static RedisRateLimiter start(RateLimitConfig config, RedisConfig redis) {
        return start(config, redis, null);
    }

    /** Like {@link #start(RateLimitConfig, RedisConfig)}, with every time-based rule on {@code clock}, for tests. */
    public static RedisRateLimiter start(RateLimitConfig config, RedisConfig redis, Clock clock) {
        return start(config, redis, clock, LoggerFactory.getLogger(RedisStore.class));
    }

    /** With the outage warnings going to {@code log}, for tests. */
    static RedisRateLimiter start(RateLimitConfig config, RedisConfig redis, Clock clock, Logger log) {
        RedisRateLimiter limiter = new RedisRateLimiter(config, redis, clock, log);
        boolean up = limiter.store.start();
        if (!up && redis.redisFailure() == RedisConfig.FailureMode.CLOSED) {
            String cause = limiter.store.lastCause();
            limiter.close();
            throw new FtpServerConfigurationException("rateLimit.redis: \"" + redis.displayUrl()
                    + "\" cannot be reached (" + cause + "); with rateLimit.redisFailure=closed the server cannot"
                    + " start without it (start Redis, fix the URL, or set rateLimit.redisFailure=open)");
        }
        if (up) {
            limiter.store.markAvailable(false, 0);
        }
        limiter.schedule();
        LOG.info("Farm limits shared through Redis at {} (prefix {}, node {}, lease {} s, {} on failure)",
                redis.displayUrl(), redis.redisPrefix(), limiter.node, redis.redisLease().toSeconds(),
                redis.redisFailure().name().toLowerCase(Locale.ROOT));
        return limiter;
    }

    private void schedule() {
        long renewEvery = Math.max(1000, leaseMillis / 3);
        maintenance.scheduleWithFixedDelay(this::renewQuietly, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
        maintenance.scheduleWithFixedDelay(this::recoverQuietly, 1000, 1000, TimeUnit.MILLISECONDS);
    }

    public RedisConfig redisConfig() {
        return redis;
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
        return clock.instant();
    }

    @Override
    public Admission admit(InetAddress address) {
        ClientKey key = keyOf(address);
        Refusal wouldRefuse = null; // dry run: the first refusal that did not stop the admission
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
            SharedLease exempt = new SharedLease(key, null, null, true);
            return wouldRefuse == null ? Admission.allow(exempt)
                    : Admission.allowDryRun(exempt, wouldRefuse, Duration.ZERO, 0);
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
        // One slot name for both paths: if Redis ran the script but answered too late, the local lease below
        // renews, re-registers and frees that same member instead of leaving an orphan for a lease time.
        String slot = node + ":" + Long.toString(slots.incrementAndGet(), 36);
        if (store.isAvailable()) {
            try {
                return admitShared(key, slot, wouldRefuse);
            } catch (Unavailable e) {
                // decided below, on this node alone
            }
        }
        if (redis.redisFailure() == RedisConfig.FailureMode.CLOSED) {
            Admission refused = Admission.deny(Refusal.UNAVAILABLE, Duration.ZERO, 0);
            if (!config.dryRun()) {
                openConnections.decrementAndGet();
                return count(refused, key);
            }
            reportDryRun(refused.refusal(), key);
            wouldRefuse = wouldRefuse != null ? wouldRefuse : Refusal.UNAVAILABLE;
        }
        return admitLocally(address, key, slot, wouldRefuse);
    }

    /** An admission of a connection that passed every check: as a dry run's when an earlier one would have refused. */
    private Admission allowed(SharedLease lease, Refusal wouldRefuse) {
        return wouldRefuse == null ? Admission.allow(lease)
                : Admission.allowDryRun(lease, wouldRefuse, Duration.ZERO, limitOf(wouldRefuse));
    }

    private Admission admitShared(ClientKey key, String slot, Refusal wouldRefuse) throws Unavailable {
        long now = clock.millis();
        String id = redisKey(key);
        List<Object> result = store.eval(Script.ADMIT, new String[] {id + ":slots", id + ":conn", id + ":ban"},
                Long.toString(now), slot, Long.toString(leaseMillis), Integer.toString(config.maxSessionsPerClient()),
                Long.toString(config.connectionRate().count()),
                Long.toString(config.connectionRate().period().toMillis()),
                Long.toString(config.effectiveConnectionBurst()), config.dryRun() ? "1" : "0");
        int code = ((Number) result.get(0)).intValue();
        long retry = ((Number) result.get(1)).longValue();
        Refusal refusal = switch (code) {
            case 0 -> null;
            case 1 -> Refusal.BANNED;
            case 2 -> Refusal.CONNECTION_RATE;
            default -> Refusal.TOO_MANY_SESSIONS;
        };
        if (refusal == Refusal.BANNED) {
            int strikes = ((Number) result.get(3)).intValue();
            long length = ((Number) result.get(4)).longValue();
            remember(new Ban(key, Instant.ofEpochMilli(now + retry), strikes,
                    length > 0 ? Duration.ofMillis(length) : banLength(strikes)));
        }
        if (refusal == null || config.dryRun()) {
            SharedLease lease = new SharedLease(key, id + ":slots", slot, false);
            lease.registered = true;
            opened(lease);
            if (refusal == null) {
                checkedClean(key);
            }
            if (refusal == null) {
                return allowed(lease, wouldRefuse);
            }
            reportDryRun(refusal, key);
            return Admission.allowDryRun(lease, refusal, Duration.ofMillis(retry), limitOf(refusal));
        }
        openConnections.decrementAndGet();
        return count(Admission.deny(refusal, Duration.ofMillis(retry), limitOf(refusal)), key);
    }

    /** Redis is away (open mode): this node's bans, connection rate and sessions decide. */
    private Admission admitLocally(InetAddress address, ClientKey key, String slot, Refusal wouldRefuse) {
        localDecisions.increment();
        long now = clock.millis();
        Refusal refusal = null;
        long retry = 0;
        Lease alone = null;
        Ban known = knownBans.get(key);
        if (known != null && known.until().toEpochMilli() > now) {
            refusal = Refusal.BANNED;
            retry = known.until().toEpochMilli() - now;
        } else {
            Admission decided = local.admit(address);
            if (decided.isAllowed()) {
                alone = decided.lease();
            } else {
                refusal = decided.refusal();
                retry = decided.retryAfter().toMillis();
            }
        }
        boolean counted = false;
        if (refusal == null) {
            counted = addSession(key, config.maxSessionsPerClient());
            if (!counted) {
                refusal = Refusal.TOO_MANY_SESSIONS;
            }
        }
        if (refusal == null || config.dryRun()) {
            if (!counted) {
                addSession(key, 0);
            }
            String id = redisKey(key);
            SharedLease lease = new SharedLease(key, id + ":slots", slot, false, alone);
            open.put(lease, Boolean.TRUE);
            if (refusal == null) {
                return allowed(lease, wouldRefuse);
            }
            reportDryRun(refusal, key);
            return Admission.allowDryRun(lease, refusal, Duration.ofMillis(retry), limitOf(refusal));
        }
        if (alone != null) {
            alone.release();
        }
        openConnections.decrementAndGet();
        return count(Admission.deny(refusal, Duration.ofMillis(retry), limitOf(refusal)), key);
    }

    private SharedLease opened(SharedLease lease) {
        addSession(lease.key(), 0);
        open.put(lease, Boolean.TRUE);
        return lease;
    }

    /** Counts one more session of {@code key} on this node unless it has {@code max} (0 = no limit). */
    private boolean addSession(ClientKey key, int max) {
        boolean[] added = new boolean[1];
        sessions.compute(key, (k, client) -> {
            NodeClient value = client != null ? client : new NodeClient();
            if (max == 0 || value.sessions < max) {
                value.sessions++;
                added[0] = true;
            }
            return value.sessions == 0 ? null : value;
        });
        return added[0];
    }

    private void removeSession(ClientKey key) {
        sessions.computeIfPresent(key, (k, client) -> --client.sessions <= 0 ? null : client);
    }

    /** Notes that Redis just said {@code key} is not banned (a no-op without an open session here). */
    private void checkedClean(ClientKey key) {
        NodeClient client = sessions.get(key);
        if (client != null) {
            client.cleanUntil = System.nanoTime() + BAN_CHECK_REUSE_NANOS;
        }
    }

    /** A client with open sessions on this node. */
    private static final class NodeClient {
        int sessions; // under the map's lock for the key
        volatile long cleanUntil = System.nanoTime(); // nanoTime until which "not banned" is reused
    }

    private long limitOf(Refusal refusal) {
        return switch (refusal) {
            case BANNED -> config.maxLoginFailures();
            case CONNECTION_RATE -> config.connectionRate().count();
            case TOO_MANY_SESSIONS -> config.maxSessionsPerClient();
            case SERVER_FULL -> config.maxConnections();
            default -> 0;
        };
    }

    private boolean reserveConnection() {
        int max = config.maxConnections();
        while (true) {
            int current = openConnections.get();
            if (max > 0 && current >= max) {
                return false;
            }
            if (openConnections.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    private Admission count(Admission refused, ClientKey key) {
        refusals.get(refused.refusal()).increment();
        LOG.debug("Refused a connection from {}: {}", key, refused.refusal().token());
        return refused;
    }

    private void reportDryRun(Refusal wouldRefuse, ClientKey key) {
        dryRunRefusals.get(wouldRefuse).increment();
        LOG.info("dry_run: would refuse a connection from {}: {}", key, wouldRefuse.token());
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
        if (lease.isExempt() || config.maxLoginFailures() == 0) {
            return Optional.empty();
        }
        ClientKey key = lease.key();
        Optional<Ban> started;
        if (store.isAvailable()) {
            try {
                started = failShared(key);
            } catch (Unavailable e) {
                started = failLocally(lease);
            }
        } else {
            started = failLocally(lease);
        }
        started.ifPresent(ban -> {
            bansStarted.increment();
            remember(ban);
            LOG.debug("Banned {} for {} (strike {})", key, ban.length(), ban.strike());
        });
        return started;
    }

    private Optional<Ban> failShared(ClientKey key) throws Unavailable {
        String id = redisKey(key);
        List<Object> result = store.eval(Script.FAIL, new String[] {id + ":fail", id + ":ban"},
                Long.toString(clock.millis()), Integer.toString(config.maxLoginFailures()),
                Long.toString(config.loginFailureWindow().toMillis()), Long.toString(config.banDuration().toMillis()),
                Integer.toString(config.banEscalation()), Long.toString(config.maxBanDuration().toMillis()));
        if (((Number) result.get(0)).intValue() == 0) {
            return Optional.empty();
        }
        return Optional.of(new Ban(key, Instant.ofEpochMilli(((Number) result.get(1)).longValue()),
                ((Number) result.get(2)).intValue(), Duration.ofMillis(((Number) result.get(3)).longValue())));
    }

    private Optional<Ban> failLocally(Lease lease) {
        localDecisions.increment();
        return local.loginFailed(lease);
    }

    @Override
    public Optional<Ban> activeBan(ClientKey key) {
        long now = clock.millis();
        NodeClient client = sessions.get(key);
        if (client != null && System.nanoTime() - client.cleanUntil < 0) {
            Ban seen = knownBans.get(key); // a ban started through this node since? Then Redis has the last word.
            if ((seen == null || seen.until().toEpochMilli() <= now) && local.activeBan(key).isEmpty()) {
                return Optional.empty();
            }
        }
        if (store.isAvailable()) {
            try {
                Optional<Ban> ban = sharedBan(key, now);
                if (ban.isEmpty()) {
                    checkedClean(key);
                    return ban;
                }
                remember(ban.get());
                return ban;
            } catch (Unavailable e) {
                // this node's knowledge below
            }
        }
        Ban known = knownBans.get(key);
        if (known != null && known.until().toEpochMilli() > now) {
            return Optional.of(known);
        }
        return local.activeBan(key);
    }

    /** The client's ban in force in Redis at {@code now} (one HMGET, waiting at most the timeout). */
    private Optional<Ban> sharedBan(ClientKey key, long now) throws Unavailable {
        String id = redisKey(key);
        List<KeyValue<String, String>> ban = store.call(
                commands -> commands.hmget(id + ":ban", "until", "strikes", "length"));
        return banOf(key, ban, now);
    }

    /** A ban hash's fields (until, strikes, length) read as the ban in force at {@code now}, if one is. */
    private Optional<Ban> banOf(ClientKey key, List<KeyValue<String, String>> fields, long now) {
        long until = fields.get(0).hasValue() ? Long.parseLong(fields.get(0).getValue()) : 0;
        if (until <= now) {
            return Optional.empty();
        }
        int strikes = fields.get(1).hasValue() ? Integer.parseInt(fields.get(1).getValue()) : 1;
        Duration length = fields.size() > 2 && fields.get(2).hasValue()
                ? Duration.ofMillis(Long.parseLong(fields.get(2).getValue())) : banLength(strikes);
        return Optional.of(new Ban(key, Instant.ofEpochMilli(until), strikes, length));
    }

    private Duration banLength(int strike) {
        Duration length = config.banDuration();
        for (int i = 1; i < strike && length.compareTo(config.maxBanDuration()) < 0; i++) {
            length = length.multipliedBy(config.banEscalation());
        }
        return length.compareTo(config.maxBanDuration()) > 0 ? config.maxBanDuration() : length;
    }

    /** Lifts the ban in Redis (waiting at most the timeout) and on this node. */
    @Override
    public void unban(ClientKey key) {
        knownBans.remove(key);
        local.unban(key);
        if (store.isAvailable()) {
            try {
                store.eval(Script.UNBAN, new String[] {redisKey(key) + ":ban"}, Long.toString(clock.millis()));
            } catch (Unavailable e) {
                LOG.warn("Could not lift the ban of {} in Redis ({}); it still applies on the other nodes", key,
                        store.lastCause());
            }
        }
    }

    /** Keeps a ban seen in Redis's answers, within a bounded map; expired ones are dropped when it is full. */
    private void remember(Ban ban) {
        if (knownBans.size() >= MAX_KNOWN_BANS) {
            long now = clock.millis();
            knownBans.values().removeIf(known -> known.until().toEpochMilli() <= now);
            if (knownBans.size() >= MAX_KNOWN_BANS) {
                return;
            }
        }
        // The later end wins; for one end, what was learnt last (an operator's ban may be shorter than the last).
        knownBans.merge(ban.key(), ban, (old, seen) -> seen.until().isBefore(old.until()) ? old : seen);
    }

    /**
     * The bans in force that this node knows: those made through it and those it saw in Redis's answers (a
     * connection refused as banned, a failed login that banned, a ban check), plus the ones it started alone
     * during an outage. While Redis answers each is read again there (one pipelined HMGET each, at most
     * {@value #MAX_KNOWN_BANS}), so a ban lifted, forgotten or replaced through another node shows as it is now.
     * Redis is not scanned for the bans only other nodes have seen: a SCAN costs a walk over every key of the
     * farm per call (metrics read this on every scrape), and with a key secret a key cannot be turned back into
     * its client. Such a ban still refuses here (admission asks Redis) and is listed once this node meets it.
     */
    @Override
    public List<Ban> activeBans() {
        long nowMillis = clock.millis();
        Map<ClientKey, Ban> bans = new HashMap<>();
        List<Ban> known = new ArrayList<>(knownBans.values());
        boolean checked = false;
        if (store.isAvailable() && !known.isEmpty()) {
            try {
                List<Function<RedisAsyncCommands<String, String>, RedisFuture<List<KeyValue<String, String>>>>> reads =
                        new ArrayList<>(known.size());
                for (Ban ban : known) {
                    String banKey = redisKey(ban.key()) + ":ban";
                    reads.add(commands -> commands.hmget(banKey, "until", "strikes", "length"));
                }
                List<List<KeyValue<String, String>>> fields = store.callAll(reads);
                for (int i = 0; i < known.size(); i++) {
                    Ban seen = known.get(i);
                    Optional<Ban> now = banOf(seen.key(), fields.get(i), nowMillis);
                    if (now.isPresent()) {
                        bans.put(seen.key(), now.get());
                        knownBans.replace(seen.key(), seen, now.get());
                    } else { // over, or lifted or forgotten through another node
                        knownBans.remove(seen.key(), seen);
                    }
                }
                checked = true;
            } catch (Unavailable e) {
                // this node's knowledge below
            }
        }
        if (!checked) {
            knownBans.forEach((key, ban) -> {
                if (ban.until().toEpochMilli() > nowMillis) {
                    bans.put(key, ban);
                }
            });
        }
        for (Ban ban : local.activeBans()) { // started on this node alone while Redis was away
            bans.putIfAbsent(ban.key(), ban);
        }
        return new ArrayList<>(bans.values());
    }

    /** An operator's ban, written to Redis (one script, waiting at most the timeout) so every node refuses. */
    @Override
    public Ban ban(ClientKey key, Duration length) {
        if (length == null || length.isNegative() || length.isZero() || length.compareTo(config.maxBanDuration()) > 0) {
            throw new IllegalArgumentException("a ban's length must be positive and at most rateLimit.maxBanDuration ("
                    + config.maxBanDuration() + "): " + length);
        }
        Ban made = null;
        if (store.isAvailable()) {
            try {
                List<Object> result = store.eval(Script.BAN, new String[] {redisKey(key) + ":ban"},
                        Long.toString(clock.millis()), Long.toString(Math.max(1, length.toMillis())),
                        Long.toString(config.maxBanDuration().toMillis()));
                made = new Ban(key, Instant.ofEpochMilli(((Number) result.get(0)).longValue()),
                        ((Number) result.get(1)).intValue(), length);
            } catch (Unavailable e) {
                // made below, on this node alone
            }
        }
        if (made == null) {
            localDecisions.increment();
            made = local.ban(key, length);
            LOG.warn("Could not write the ban of {} to Redis ({}); it applies on this node only", key,
                    store.lastCause());
        }
        bansStarted.increment();
        knownBans.remove(key); // replaced, even by a shorter one
        remember(made);
        LOG.debug("Banned {} for {} by an operator (strike {})", key, length, made.strike());
        return made;
    }

    /** Deletes the client's failed logins and ban (with its strikes) in Redis, waiting at most the timeout, and here. */
    @Override
    public void forget(ClientKey key) {
        knownBans.remove(key);
        local.forget(key);
        String id = redisKey(key);
        if (store.isAvailable()) {
            try {
                store.call(commands -> commands.del(id + ":fail", id + ":ban"));
                return;
            } catch (Unavailable e) {
                // warned below
            }
        }
        LOG.warn("Could not forget {} in Redis ({}); its failures, strikes and ban still apply on the other nodes",
                key, store.lastCause());
    }

    @Override
    public UploadAllowance uploadAllowance(ClientKey key) {
        if (!config.hasUploadQuotas()) {
            return UploadAllowance.UNLIMITED;
        }
        return uploads(key, false);
    }

    @Override
    public UploadAllowance startUpload(ClientKey key) {
        if (!config.hasUploadQuotas()) {
            return UploadAllowance.UNLIMITED;
        }
        UploadAllowance allowance = uploads(key, true);
        if (!allowance.isAllowed()) {
            refusals.get(allowance.refusal()).increment();
        }
        return allowance;
    }

    /** The client's quotas in Redis (one script), counting one upload when {@code start}; alone while it is away. */
    private UploadAllowance uploads(ClientKey key, boolean start) {
        if (store.isAvailable()) {
            try {
                Rate bytes = config.uploadQuotaPerClient();
                Rate files = config.uploadFilesPerClient();
                String id = redisKey(key);
                List<Object> result = store.eval(Script.UPLOAD_START, new String[] {id + ":upbytes", id + ":upfiles"},
                        Long.toString(clock.millis()), Long.toString(bytes.count()), periodMillis(bytes),
                        Long.toString(files.count()), periodMillis(files), start ? "1" : "0");
                int code = ((Number) result.get(0)).intValue();
                Duration retry = Duration.ofMillis(((Number) result.get(1)).longValue());
                long bytesLeft = ((Number) result.get(2)).longValue();
                long filesLeft = ((Number) result.get(3)).longValue();
                Refusal refusal = code == 1 ? Refusal.UPLOAD_FILES : code == 2 ? Refusal.UPLOAD_QUOTA : null;
                return new UploadAllowance(refusal, refusal == null ? Duration.ZERO : retry,
                        bytesLeft < 0 ? Long.MAX_VALUE : bytesLeft, filesLeft < 0 ? Long.MAX_VALUE : filesLeft);
            } catch (Unavailable e) {
                // counted below, on this node alone
            }
        }
        localDecisions.increment();
        return start ? local.startUpload(key) : local.uploadAllowance(key);
    }

    private static String periodMillis(Rate rate) {
        return rate.isOff() ? "0" : Long.toString(Math.max(1, rate.period().toMillis()));
    }

    @Override
    public long claimUploadBytes(ClientKey key, long bytes) {
        Rate quota = config.uploadQuotaPerClient();
        if (quota.isOff() || bytes <= 0) {
            return Math.max(0, bytes);
        }
        long granted = -1;
        if (store.isAvailable()) {
            try {
                Long counted = store.eval(Script.UPLOAD_CLAIM, new String[] {redisKey(key) + ":upbytes"},
                        Long.toString(clock.millis()), Long.toString(bytes), Long.toString(quota.count()),
                        periodMillis(quota));
                granted = Math.min(bytes, Math.max(0, counted));
            } catch (Unavailable e) {
                // counted below, on this node alone
            }
        }
        if (granted < 0) {
            localDecisions.increment();
            granted = local.claimUploadBytes(key, bytes);
        }
        if (granted < bytes) {
            refusals.get(Refusal.UPLOAD_QUOTA).increment();
        }
        return granted;
    }

    @Override
    public void returnUpload(ClientKey key, long bytes, boolean file) {
        if (!config.hasUploadQuotas() || (bytes <= 0 && !file)) {
            return;
        }
        if (store.isAvailable()) {
            try {
                String id = redisKey(key);
                store.eval(Script.UPLOAD_RETURN, new String[] {id + ":upbytes", id + ":upfiles"},
                        Long.toString(clock.millis()), Long.toString(Math.max(0, bytes)), file ? "1" : "0");
                return;
            } catch (Unavailable e) {
                // given back below, on this node alone
            }
        }
        localDecisions.increment();
        local.returnUpload(key, bytes, file);
    }

    @Override
    public RateLimitStats stats() {
        RateLimitStats alone = local.stats();
        SharedStoreStats shared = new SharedStoreStats(true, store.isAvailable(), store.errors(), store.outages(),
                store.recoveries(), localDecisions.sum(), reRegistered.sum());
        return new RateLimitStats(alone.trackedClients() + sessions.size() + knownBans.size(), alone.evictions(),
                openConnections.get(), bansStarted.sum(), snapshot(refusals), snapshot(dryRunRefusals), shared);
    }

    /** The Redis key of a client: its text, or with a key secret its HMAC, in a hash tag (one Cluster slot). */
    String redisKey(ClientKey key) {
        String text = key.toString();
        if (hmac != null) {
            byte[] digest = hmac.get().doFinal(text.getBytes(StandardCharsets.US_ASCII));
            text = "h." + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        }
        return redis.redisPrefix() + "{" + text + "}";
    }

    private static Mac mac(String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    private void released(SharedLease lease) {
        openConnections.decrementAndGet();
        if (lease.isExempt()) {
            return;
        }
        synchronized (lease) { // ordered against a renewal of the same slot: a released slot is never re-added
            open.remove(lease);
            removeSession(lease.key());
            if (lease.alone != null) {
                lease.alone.release();
            }
            String slotsKey = lease.slotsKey;
            String slot = lease.slot;
            if (store.isAvailable()) {
                store.fire(commands -> commands.zrem(slotsKey, slot));
            } else if (!lease.registered) {
                // admitted while Redis was away and never written there: nothing to free
            } else if (pendingCount.incrementAndGet() <= MAX_PENDING_RELEASES) {
                pendingReleases.add(new String[] {slotsKey, slot});
            } else {
                pendingCount.decrementAndGet();
            }
        }
    }

    /** Renews the slot of every open session; a slot Redis lost (or never had) is added again. */
    private int renewAll(boolean await) throws Unavailable {
        long expiry = clock.millis() + leaseMillis;
        List<CompletableFuture<Object>> sent = new ArrayList<>();
        RedisAsyncCommandsHolder holder = new RedisAsyncCommandsHolder();
        for (SharedLease lease : open.keySet()) {
            synchronized (lease) {
                if (lease.isReleased()) {
                    continue;
                }
                String[] keys = {lease.slotsKey};
                String[] args = {Long.toString(expiry), Long.toString(leaseMillis), lease.slot};
                lease.registered = true;
                if (await) {
                    // after loadScripts(): the SHA is known to Redis
                    sent.add(holder.commands(store).<Long>evalsha(Script.RENEW.sha,
                            ScriptOutputType.INTEGER, keys, args).toCompletableFuture()
                            .thenApply(result -> (Object) result));
                } else {
                    sent.add(store.fire(Script.RENEW, keys, args));
                }
            }
        }
        if (await) {
            try {
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                        .get(bulkWaitMillis(sent.size()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable(e);
            } catch (Exception e) {
                throw new Unavailable(e);
            }
        }
        return sent.size();
    }

    /** Holds the maintenance connection's commands for one renewal round. */
    private static final class RedisAsyncCommandsHolder {
        private RedisAsyncCommands<String, String> commands;

        RedisAsyncCommands<String, String> commands(RedisStore store) throws Unavailable {
            if (commands == null) {
                commands = store.maintenanceCommands();
            }
            return commands;
        }
    }

    private void renewQuietly() {
        try {
            if (store.isAvailable()) {
                renewAll(false);
            }
        } catch (RuntimeException | Unavailable e) {
            LOG.debug("Lease renewal failed", e);
        }
    }

    /** Frees the slots of sessions that ended during the outage (waiting, on the maintenance thread). */
    private void freePending() throws Unavailable {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        String[] next;
        while ((next = pendingReleases.poll()) != null) {
            pendingCount.decrementAndGet();
            sent.add(store.maintenanceCommands().zrem(next[0], next[1]).toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .get(bulkWaitMillis(sent.size()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable(e);
        } catch (Exception e) {
            throw new Unavailable(e);
        }
    }

    /** How long the maintenance thread waits for {@code commands} pipelined commands: 2 s plus 50 µs each. */
    private long bulkWaitMillis(int commands) {
        return Math.max(2000, store.timeout().toMillis() * 4) + commands / 20L;
    }

    /** Every second while Redis is away: reconnect, probe, re-register this node's slots, then use Redis again. */
    private void recoverQuietly() {
        try {
            if (store.isAvailable() || closed.get()) {
                return;
            }
            store.remindIfDown(localDecisions.sum());
            if (!store.probe()) {
                return;
            }
            store.loadScripts();
            freePending();
            int count = renewAll(true);
            reRegistered.add(count);
            store.markAvailable(store.outages() > 0, count);
        } catch (RuntimeException | Unavailable e) {
            LOG.debug("Redis recovery attempt failed", e);
        }
    }

    /**
     * Frees this node's slots in Redis (waiting at most a second), then disconnects. Sessions still open are
     * released afterwards without Redis. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        maintenance.shutdownNow();
        if (store.isAvailable()) {
            List<CompletableFuture<?>> sent = new ArrayList<>();
            try { // answered after every release sent before it (one connection keeps the order)
                sent.add(store.maintenanceCommands().ping().toCompletableFuture());
            } catch (Unavailable e) {
                // nothing was sent
            }
            for (SharedLease lease : open.keySet()) {
                String slotsKey = lease.slotsKey;
                String slot = lease.slot;
                try {
                    sent.add(store.maintenanceCommands().zrem(slotsKey, slot).toCompletableFuture());
                } catch (Unavailable e) {
                    break;
                }
            }
            try {
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("Could not free this node's {} session slots in Redis on stop ({}); they expire within {} s",
                        open.size(), e.getClass().getSimpleName(), redis.redisLease().toSeconds());
            }
        }
        store.close();
    }

    /**
     * Stops renewing and drops the connection without freeing any slot, as a node that loses power would: its
     * slots stay in Redis until their lease runs out. For tests of node death.
     */
    void crash() {
        closed.set(true);
        maintenance.shutdownNow();
        store.close();
    }

    private static Map<Refusal, LongAdder> counters() {
        Map<Refusal, LongAdder> map = new EnumMap<>(Refusal.class);
        for (Refusal refusal : Refusal.values()) {
            map.put(refusal, new LongAdder());
        }
        return map;
    }

    private static Map<Refusal, Long> snapshot(Map<Refusal, LongAdder> counters) {
        Map<Refusal, Long> copy = new EnumMap<>(Refusal.class);
        counters.forEach((reason, count) -> copy.put(reason, count.sum()));
        return Map.copyOf(copy);
    }

    /** One admitted connection: its slot in Redis, this node's lease when decided alone, its command budget. */
    private final class SharedLease implements Lease {
        private final ClientKey key;
        final String slotsKey;
        final String slot;
        private final boolean exempt;
        final Lease alone;
        private final AtomicBoolean released = new AtomicBoolean();
        /** Whether Redis holds (or may hold) this slot: admitted through Redis, or written by a renewal since. */
        volatile boolean registered;
        private Bucket commands; // only the session's own (serialised) events use it

        SharedLease(ClientKey key, String slotsKey, String slot, boolean exempt) {
            this(key, slotsKey, slot, exempt, null);
        }

        SharedLease(ClientKey key, String slotsKey, String slot, boolean exempt, Lease alone) {
            this.key = key;
            this.slotsKey = slotsKey;
            this.slot = slot;
            this.exempt = exempt;
            this.alone = alone;
        }

        @Override
        public ClientKey key() {
            return key;
        }

        @Override
        public boolean isExempt() {
            return exempt;
        }

        @Override
        public boolean tryCommand() {
            if (exempt || commandLimit == null) {
                return true;
            }
            Bucket bucket = commands;
            if (bucket == null) {
                bucket = Bucket.builder().addLimit(commandLimit).withCustomTimePrecision(meter)
                        .withSynchronizationStrategy(SynchronizationStrategy.NONE).build();
                commands = bucket;
            }
            return bucket.tryConsume(1);
        }

        @Override
        public void release() {
            if (released.compareAndSet(false, true)) {
                released(this);
            }
        }

        @Override
        public boolean isReleased() {
            return released.get();
        }

        @Override
        public String toString() {
            return "Lease[" + key + (slot == null ? "" : ", " + slot) + (isReleased() ? ", released" : "") + "]";
        }
    }

    /** Bucket4j time read from an injected clock, for tests. */
    private static final class ClockMeter implements TimeMeter {
        private final Clock clock;

        ClockMeter(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}

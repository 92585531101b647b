package io.github.anonftp.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;

import org.checkerframework.checker.index.qual.NonNegative;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;

/**
 * The in-memory limiter's {@link ClientState}s, in two tiers.
 *
 * <ul>
 *   <li><b>Live</b>: clients with an open connection or an active ban, in a {@link ConcurrentHashMap}. They must
 *       never be forgotten, and this map never drops an entry by itself. Its size is at most the open connections
 *       ({@code rateLimit.maxConnections} when set) plus the clients under an active ban, plus those whose ban
 *       ended less than a {@linkplain #SWEEP_INTERVAL_NANOS sweep interval} ago and that no compute touched since.
 *   <li><b>Idle</b>: every client whose state may still matter (a connection bucket refilling, failures in their
 *       window, a strike to remember), in a Caffeine cache of at most {@code rateLimit.maxTrackedClients} entries
 *       that evicts and expires them.
 * </ul>
 *
 * <p>Why two tiers: with one cache, "never evict a client with a connection or a ban" needs a weigher that sees
 * the change at every connect and disconnect, so each one costs a Caffeine compute (about 250 bytes). Here a
 * connection costs a {@code ConcurrentHashMap.compute} on the live map and a read of the idle cache when the
 * client becomes live; going idle again writes the idle cache only when the client's entry is gone or would
 * expire too early (below).
 *
 * <p>Expiry: an idle entry expires at its state's {@link ClientState#idleUntil}, set when it is put: the time its
 * state stops mattering ({@link ClientState#idleLifetime}) plus a slack of 1/16 of the idle lifetime. A client
 * going idle again whose entry is still there and lasts long enough is not put again, so a client that reconnects
 * within the slack costs no write to the idle cache. So an idle client expires between its lifetime and its
 * lifetime plus the slack after its last connection, never earlier (the cap may evict it earlier, as before).
 *
 * <p>A client that becomes live is not removed from the idle cache: its entry there, the same object, may stay,
 * be evicted or expire meanwhile, which loses nothing, since the live map holds the state and is what every
 * operation looks at first; going idle puts it back. So the idle cache may hold some live clients too, and the
 * clients tracked are its entries plus the live ones it does not hold: at most {@code maxTrackedClients} plus the
 * live clients.
 *
 * <p>Atomicity: a state is created, moved or re-filed only inside a compute on its key in the live map, holding
 * that key's lock, so two threads touching one client are serialised, and a client never has two states. The
 * idle cache is never locked first (its eviction listener only marks and counts), so the nested locking cannot
 * deadlock.
 * Thread-safe.
 */
final class ClientTable {

    /** How often, in limiter time, live clients whose ban ended without a connection are moved to idle. */
    static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;

    private final ClockTime time;
    private final ConcurrentHashMap<ClientKey, ClientState> live = new ConcurrentHashMap<>();
    private final Cache<ClientKey, ClientState> idle;
    private final long idleLifetime;
    private final long strikeMemory;
    private final long slack;
    private final LongAdder evictions = new LongAdder();
    private final AtomicLong nextSweep = new AtomicLong();
    private final BiFunction<ClientKey, ClientState, ClientState> refile;

    /**
     * @param maxIdle idle clients kept at most ({@code rateLimit.maxTrackedClients})
     * @param idleLifetime how long an idle client's state matters, in nanos
     * @param strikeMemory how long a strike is remembered after its ban ended, in nanos
     */
    ClientTable(ClockTime time, int maxIdle, long idleLifetime, long strikeMemory) {
        this.time = time;
        this.idleLifetime = idleLifetime;
        this.strikeMemory = strikeMemory;
        this.slack = idleLifetime / 16;
        this.refile = (key, state) -> fileChanged(key, state, time.nanos());
        this.idle = Caffeine.newBuilder()
                .maximumSize(maxIdle)
                .expireAfter(new IdleExpiry())
                .ticker(time)
                .executor(Runnable::run) // maintenance on the calling thread: the bound holds at once
                .evictionListener((ClientKey key, ClientState state, RemovalCause cause) -> {
                    state.dropped = true;
                    // A live client's entry dropped loses nothing (the live map holds its state): not counted. (If the
                    // client goes idle at that very moment, it may be left untracked and uncounted: an idle client
                    // evicted, which the cap allows.)
                    if (cause == RemovalCause.SIZE && state.tier != ClientState.Tier.LIVE) {
                        evictions.increment();
                    }
                })
                .build();
    }

    /**
     * Runs {@code update} on {@code key}'s live entry under its lock ({@link ConcurrentHashMap#compute}). The
     * update starts with {@link #take} and ends with {@link #file}, and must not touch this table otherwise.
     */
    ClientState compute(ClientKey key, BiFunction<ClientKey, ClientState, ClientState> update) {
        return live.compute(key, update);
    }

    /** As {@link #compute}, for a client that is live already; nothing happens to any other. */
    void computeIfLive(ClientKey key, BiFunction<ClientKey, ClientState, ClientState> update) {
        live.computeIfPresent(key, update);
    }

    /**
     * Under {@code key}'s lock: the state to work on, {@code current} when the client is live, else its idle
     * state, else a new one. The idle cache is only read: see {@link #file}.
     */
    ClientState take(ClientKey key, ClientState current) {
        if (current != null) {
            return current;
        }
        ClientState idleState = idle.getIfPresent(key); // null when absent or expired
        return idleState != null ? idleState : new ClientState();
    }

    /**
     * Under {@code key}'s lock, at the end of a compute that changed nothing an idle client's lifetime depends on
     * (a refused connection takes no token): what the live map keeps, {@code state} while it is live at
     * {@code now}, or null once the idle cache holds it (or has dropped it, for an idle client).
     */
    ClientState file(ClientKey key, ClientState state, long now) {
        if (state.tier == ClientState.Tier.IDLE && !state.isLive(now)) {
            return null; // unchanged, stays as it was filed
        }
        return fileChanged(key, state, now);
    }

    /** As {@link #file}, after any change: a connection released, a failed login, a ban lifted or ended. */
    ClientState fileChanged(ClientKey key, ClientState state, long now) {
        if (state.isLive(now)) {
            state.tier = ClientState.Tier.LIVE; // any entry in the idle cache stays: see the class comment
            return state;
        }
        long needed = now + state.idleLifetime(now, idleLifetime, strikeMemory);
        // Before the put: its maintenance may evict this very entry, which must then count and mark it dropped.
        ClientState.Tier was = state.tier;
        state.tier = ClientState.Tier.IDLE;
        if (was == ClientState.Tier.NEW || state.dropped || state.idleUntil < needed) {
            state.idleUntil = needed + slack;
            state.dropped = false;
            idle.put(key, state); // (re-)inserts, or (the same entry still there) only moves its expiry
        }
        return null;
    }

    /** Under {@code key}'s lock (from a compute that found no live state): the client's idle state, or null. */
    ClientState peekIdle(ClientKey key) {
        return idle.getIfPresent(key);
    }

    /** The client's state, live or idle, or null; for reading its volatile ban fields without any lock. */
    ClientState find(ClientKey key) {
        ClientState state = live.get(key);
        return state != null ? state : idle.getIfPresent(key);
    }

    /**
     * Moves clients whose ban ended while they had no connection to the idle cache, at most once per
     * {@link #SWEEP_INTERVAL_NANOS} of limiter time. Called outside any compute; cheap when not due (a volatile
     * read); when due it visits each live client once.
     */
    void sweepIfDue(long now) {
        long due = nextSweep.get();
        if (now - due >= 0 && nextSweep.compareAndSet(due, now + SWEEP_INTERVAL_NANOS)) {
            sweep();
        }
    }

    /** Calls {@code visitor} with each live client (an open connection or an active ban); weakly consistent. */
    void forEachLive(java.util.function.BiConsumer<ClientKey, ClientState> visitor) {
        live.forEach(visitor);
    }

    /** Moves every live client that is no longer live to the idle cache. */
    void sweep() {
        long now = time.nanos();
        live.forEach((key, state) -> {
            if (!state.isLive(now)) { // a racy hint; refile decides under the key's lock
                live.computeIfPresent(key, refile);
            }
        });
    }

    /**
     * Clients tracked: the idle cache's entries (after its pending maintenance) plus the live clients it does not
     * hold. Visits each live client; a snapshot while other threads change it.
     */
    long size() {
        idle.cleanUp();
        long liveOnly = live.keySet().stream().filter(key -> !idle.asMap().containsKey(key)).count();
        return idle.estimatedSize() + liveOnly;
    }

    /** Live clients only, for tests. */
    int liveSize() {
        return live.size();
    }

    /** Idle clients dropped to stay within the cap. */
    long evictions() {
        return evictions.sum();
    }

    /** An idle entry expires at its state's {@link ClientState#idleUntil}; reads do not extend it. */
    private static final class IdleExpiry implements Expiry<ClientKey, ClientState> {

        @Override
        public long expireAfterCreate(ClientKey key, ClientState state, long currentTime) {
            return Math.max(0, state.idleUntil - currentTime);
        }

        @Override
        public long expireAfterUpdate(ClientKey key, ClientState state, long currentTime,
                @NonNegative long currentDuration) {
            return Math.max(0, state.idleUntil - currentTime);
        }

        @Override
        public long expireAfterRead(ClientKey key, ClientState state, long currentTime,
                @NonNegative long currentDuration) {
            return currentDuration;
        }
    }
}

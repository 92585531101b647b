package io.github.anonftp.ratelimit;

/**
 * One admitted connection's hold on its client's limits. Thread-safe; {@link #release()} takes effect
 * exactly once however often and from wherever it is called.
 */
public interface Lease {

    ClientKey key();

    /** Whether the client is in {@code rateLimit.allowedNetworks}: no limit applies to it. */
    boolean isExempt();

    /** Takes one command from this session's budget ({@code rateLimit.commandRate}); false when spent. */
    boolean tryCommand();

    /** Gives the connection's slot back. Idempotent. */
    void release();

    /** Whether {@link #release()} was called. */
    boolean isReleased();
}

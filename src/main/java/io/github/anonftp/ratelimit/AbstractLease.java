package io.github.anonftp.ratelimit;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.bucket4j.Bucket;

/** A lease with its own command bucket and an exactly-once release. */
abstract class AbstractLease implements Lease {

    private final ClientKey key;
    private final Bucket commands;
    private final AtomicBoolean released = new AtomicBoolean();

    /** {@code commands} may be null: no command limit. */
    AbstractLease(ClientKey key, Bucket commands) {
        this.key = key;
        this.commands = commands;
    }

    @Override
    public ClientKey key() {
        return key;
    }

    @Override
    public boolean tryCommand() {
        return commands == null || commands.tryConsume(1);
    }

    @Override
    public final void release() {
        if (released.compareAndSet(false, true)) {
            onRelease();
        }
    }

    @Override
    public boolean isReleased() {
        return released.get();
    }

    abstract void onRelease();

    @Override
    public String toString() {
        return "Lease[" + key + (released.get() ? ", released" : "") + "]";
    }
}

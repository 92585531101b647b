package io.github.anonftp.ratelimit;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import io.github.bucket4j.Bucket;

/** A lease with an exactly-once release and its own command bucket, made at the first command. */
abstract class AbstractLease implements Lease {

    private static final AtomicIntegerFieldUpdater<AbstractLease> RELEASED =
            AtomicIntegerFieldUpdater.newUpdater(AbstractLease.class, "released");

    private final ClientKey key;
    private volatile int released;
    private Bucket commands; // only the session's own (serialised) events use it

    AbstractLease(ClientKey key) {
        this.key = key;
    }

    @Override
    public ClientKey key() {
        return key;
    }

    /** The session's command bucket, or null for no limit; called once, at the first command. */
    abstract Bucket newCommandBucket();

    @Override
    public boolean tryCommand() {
        Bucket bucket = commands;
        if (bucket == null) {
            bucket = newCommandBucket();
            if (bucket == null) {
                return true;
            }
            commands = bucket;
        }
        return bucket.tryConsume(1);
    }

    @Override
    public final void release() {
        if (RELEASED.compareAndSet(this, 0, 1)) {
            onRelease();
        }
    }

    @Override
    public boolean isReleased() {
        return released != 0;
    }

    abstract void onRelease();

    @Override
    public String toString() {
        return "Lease[" + key + (isReleased() ? ", released" : "") + "]";
    }
}

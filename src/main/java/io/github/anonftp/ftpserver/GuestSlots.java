package io.github.anonftp.ftpserver;

import java.util.concurrent.atomic.AtomicInteger;

/** Counts concurrent guest sessions against {@code anonymous.maxSessions} (0 = unlimited). */
final class GuestSlots {

    private final int max;
    private final AtomicInteger used = new AtomicInteger();

    GuestSlots(int max) {
        this.max = max;
    }

    /** Guest slots held now: guests logged in, or between their PASS and its reply. */
    int used() {
        return used.get();
    }

    int max() {
        return max;
    }

    boolean isFull() {
        return max > 0 && used.get() >= max;
    }

    boolean tryAcquire() {
        while (true) {
            int current = used.get();
            if (max > 0 && current >= max) {
                return false;
            }
            if (used.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        used.updateAndGet(current -> Math.max(0, current - 1));
    }
}

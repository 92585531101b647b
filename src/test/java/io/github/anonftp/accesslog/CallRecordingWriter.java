package io.github.anonftp.accesslog;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A writer for the dispatcher's tests: keeps every call ({@code write s1}, {@code flush}, {@code maintain},
 * {@code close}), throws for the line {@code bad}, and can hold its first write until released.
 */
final class CallRecordingWriter implements AccessLogWriter {

    final CountDownLatch firstWriteEntered = new CountDownLatch(1);
    private final CountDownLatch release;
    private final List<String> calls = new ArrayList<>();

    /** A writer that never waits. */
    CallRecordingWriter() {
        this(new CountDownLatch(0));
    }

    /** A writer whose first write waits for {@code release}. */
    CallRecordingWriter(CountDownLatch release) {
        this.release = release;
    }

    @Override
    public void write(String line) throws IOException {
        firstWriteEntered.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (line.equals("bad")) {
            throw new IOException("disk on fire");
        }
        add("write " + line);
    }

    @Override
    public void flush() {
        add("flush");
    }

    @Override
    public void maintain() {
        add("maintain");
    }

    @Override
    public void close() {
        add("close");
    }

    synchronized List<String> calls() {
        return List.copyOf(calls);
    }

    synchronized long count(String call) {
        return calls.stream().filter(call::equals).count();
    }

    private synchronized void add(String call) {
        calls.add(call);
    }
}

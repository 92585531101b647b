package io.github.anonftp.anonymous;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@code anonymous.onUpload} command and the {@link UploadListener}s for every stored upload on a small
 * bounded pool of daemon threads ({@value #THREADS} threads, {@value #QUEUE} queued uploads), never on an FTP
 * thread. A full queue drops the run: counted, and logged at most once a minute; the upload is kept. A command
 * that exits non-zero or outlives {@code anonymous.onUploadTimeout} (then killed, with its children), or a
 * listener that throws, rejects the file (see {@link DropBox#reject}). Thread-safe.
 */
final class UploadHooks {

    private static final Logger LOG = LoggerFactory.getLogger(UploadHooks.class);
    static final int THREADS = 2;
    static final int QUEUE = 100;
    private static final long WARN_INTERVAL_NANOS = 60_000_000_000L;
    private static final File NO_INPUT = new File(
            System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");

    private final UploadConfig uploads;
    private final DropBox box;
    private final List<UploadListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong nextWarning = new AtomicLong(System.nanoTime());
    private volatile ThreadPoolExecutor pool;

    UploadHooks(UploadConfig uploads, DropBox box) {
        this.uploads = uploads;
        this.box = box;
    }

    void add(UploadListener listener) {
        listeners.add(listener);
    }

    long dropped() {
        return dropped.get();
    }

    void submit(Upload upload) {
        if (uploads.onUpload() == null && listeners.isEmpty()) {
            return;
        }
        try {
            pool().execute(() -> run(upload));
        } catch (RejectedExecutionException e) {
            long count = dropped.incrementAndGet();
            long now = System.nanoTime();
            long due = nextWarning.get();
            if (now - due >= 0 && nextWarning.compareAndSet(due, now + WARN_INTERVAL_NANOS)) {
                LOG.warn("Upload hook queue full ({} waiting): not checking {}; {} uploads unchecked so far",
                        QUEUE, upload.path(), count);
            }
        }
    }

    private ThreadPoolExecutor pool() {
        ThreadPoolExecutor current = pool;
        if (current == null) {
            synchronized (this) {
                if (pool == null) {
                    AtomicInteger threads = new AtomicInteger();
                    pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                            new ArrayBlockingQueue<>(QUEUE), task -> {
                                Thread thread = new Thread(task, "anonftp-upload-hook-" + threads.incrementAndGet());
                                thread.setDaemon(true);
                                return thread;
                            }, new ThreadPoolExecutor.AbortPolicy());
                    pool.allowCoreThreadTimeOut(true);
                }
                current = pool;
            }
        }
        return current;
    }

    private void run(Upload upload) {
        try {
            if (uploads.onUpload() != null) {
                String failure = runCommand(upload);
                if (failure != null) {
                    box.reject(upload, failure);
                    return;
                }
            }
            for (UploadListener listener : listeners) {
                try {
                    listener.uploaded(upload);
                } catch (Exception e) {
                    box.reject(upload, "upload listener " + listener.getClass().getName() + " failed: " + e);
                    return;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Upload hook failed for {}", upload.path(), e);
        }
    }

    /** Runs the command; null when it exited 0, else why the file is rejected. */
    private String runCommand(Upload upload) {
        List<String> command = new ArrayList<>(uploads.commandLine());
        command.add(upload.file().toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
        Map<String, String> env = builder.environment();
        env.put("ANONFTP_PATH", upload.file().toString());
        env.put("ANONFTP_SIZE", Long.toString(upload.size()));
        env.put("ANONFTP_CLIENT", upload.client());
        env.put("ANONFTP_EMAIL", upload.email());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return "the upload command could not start: " + e.getMessage();
        }
        try {
            if (!process.waitFor(uploads.onUploadTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                return "the upload command ran longer than " + uploads.onUploadTimeout().toMillis() + " ms";
            }
            int exit = process.exitValue();
            if (exit != 0) {
                return "the upload command exited with " + exit;
            }
            LOG.debug("Upload command accepted {}", upload.path());
            return null;
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            LOG.warn("The server stopped while the upload command checked {}; the file is kept unchecked",
                    upload.path());
            return null;
        }
    }

    void close() {
        ThreadPoolExecutor current = pool;
        if (current == null) {
            return;
        }
        current.shutdown();
        try {
            if (!current.awaitTermination(5, TimeUnit.SECONDS)) {
                current.shutdownNow();
            }
        } catch (InterruptedException e) {
            current.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

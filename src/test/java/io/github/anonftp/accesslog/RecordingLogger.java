package io.github.anonftp.accesslog;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that keeps its messages as {@code LEVEL message}, for asserting what was logged. */
final class RecordingLogger {

    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");

    private final List<String> messages = new ArrayList<>();
    private final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class}, (proxy, method, args) -> invoke(method, args));

    Logger logger() {
        return logger;
    }

    synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    /** Waits until a message starting with {@code prefix} was logged, at most {@code millis}. */
    synchronized boolean await(String prefix, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (messages.stream().noneMatch(m -> m.startsWith(prefix))) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    private Object invoke(Method method, Object[] args) {
        String name = method.getName();
        if (name.startsWith("is")) {
            return true;
        }
        if (LEVELS.contains(name)) {
            log(name, args);
            return null;
        }
        if (name.equals("equals")) {
            return args[0] == logger;
        }
        return name.equals("hashCode") ? System.identityHashCode(this) : "RecordingLogger";
    }

    private synchronized void log(String level, Object[] args) {
        List<Object> rest = new ArrayList<>(Arrays.asList(args));
        if (rest.get(0) instanceof Marker) {
            rest.remove(0);
        }
        String pattern = (String) rest.remove(0);
        Object[] values = rest.size() == 1 && rest.get(0) instanceof Object[] ? (Object[]) rest.get(0) : rest.toArray();
        messages.add(level.toUpperCase(Locale.ROOT) + " " + MessageFormatter.arrayFormat(pattern, values).getMessage());
        notifyAll();
    }
}

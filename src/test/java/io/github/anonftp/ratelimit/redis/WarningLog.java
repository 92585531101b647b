package io.github.anonftp.ratelimit.redis;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that keeps what it is given at INFO and above as {@code LEVEL message}. Thread-safe. */
final class WarningLog {

    private static final Set<String> KEPT = Set.of("info", "warn", "error");

    private final List<String> messages = new ArrayList<>();
    private final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(),
            new Class<?>[] {Logger.class}, (proxy, method, args) -> {
                String name = method.getName();
                if (name.startsWith("is") && name.endsWith("Enabled")) {
                    return true;
                }
                if (name.equals("getName")) {
                    return "recorded";
                }
                if (KEPT.contains(name) && args != null && args[0] instanceof String format) {
                    Object[] rest = Arrays.copyOfRange(args, 1, args.length);
                    if (rest.length == 1 && rest[0] instanceof Object[] array) {
                        rest = array;
                    }
                    record(name.toUpperCase(java.util.Locale.ROOT) + " "
                            + MessageFormatter.arrayFormat(format, rest).getMessage());
                }
                return null;
            });

    Logger logger() {
        return logger;
    }

    private synchronized void record(String message) {
        messages.add(message);
    }

    synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    synchronized List<String> warnings() {
        return messages.stream().filter(line -> line.startsWith("WARN ")).toList();
    }
}

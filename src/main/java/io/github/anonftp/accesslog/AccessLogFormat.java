package io.github.anonftp.accesslog;

/**
 * Turns an event, after privacy was applied, into one line without its line terminator. Every client-supplied
 * string is escaped and capped here, once, so no input can break, split or forge a line. Implementations are
 * stateless and thread-safe.
 */
public interface AccessLogFormat {

    /** The line for {@code event}, or null when this format does not record that kind of event. */
    String format(AccessEvent event);
}

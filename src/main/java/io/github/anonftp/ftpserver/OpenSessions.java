package io.github.anonftp.ftpserver;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.anonftp.ratelimit.ClientKey;

/**
 * The open sessions of each client key, so that a ban can close them (ProFTPD's mod_ban does so): a session
 * joins when admitted and leaves when it ends. Bounded by the open connections. Thread-safe.
 */
final class OpenSessions {

    private final Map<ClientKey, Set<SessionState>> byKey = new ConcurrentHashMap<>();

    void add(ClientKey key, SessionState session) {
        byKey.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void remove(ClientKey key, SessionState session) {
        byKey.computeIfPresent(key, (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    List<SessionState> of(ClientKey key) {
        Set<SessionState> sessions = byKey.get(key);
        return sessions == null ? List.of() : List.copyOf(sessions);
    }
}

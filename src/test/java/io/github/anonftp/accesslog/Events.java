package io.github.anonftp.accesslog;

import java.time.Instant;

/** Sample events for the format and privacy tests. */
final class Events {

    static final Instant TS = Instant.parse("2026-11-24T00:39:11.123Z");

    private Events() {
    }

    static AccessEvent.Builder of(EventType type) {
        return AccessEvent.of(type, TS, "s-42", "192.0.2.7", 50123);
    }

    /** A guest's successful login with {@code password} as the supplied address. */
    static AccessEvent guestLogin(String password) {
        return of(EventType.LOGIN).outcome(Outcome.OK).user("anonymous").account("anonymous").email(password)
                .verdict(Verdict.ACCEPT).reason("ok").reply(230).build();
    }

    /** A guest's complete binary download of {@code /pub/README} (1234 bytes, 1.5 s). */
    static AccessEvent guestDownload(String email) {
        return of(EventType.TRANSFER).direction(Direction.DOWNLOAD).path("/pub/README").bytes(1234L).durationMs(1500L)
                .transferType("b").status(TransferStatus.COMPLETE).account("anonymous").email(email).build();
    }

    /** A ban of {@code key} until an hour after {@link #TS}. */
    static AccessEvent ban(String key) {
        return of(EventType.BAN).key(key).until(TS.plusSeconds(3600)).strike(2).reason("too-many-failures")
                .build();
    }
}

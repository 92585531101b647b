package io.github.anonftp.accesslog;

import java.time.Instant;
import java.util.Objects;

/**
 * One access-log record, before formatting. Every record has a type, a timestamp, the session id and the
 * client's IP (canonical text) and port; the other fields belong to some types and are null elsewhere.
 * Strings the client supplied ({@code user}, {@code email}, {@code path}, {@code command}) are kept as they
 * came: formats escape and cap them. Immutable; build with {@link #of(EventType, Instant, String, String, int)}.
 *
 * <table>
 * <caption>Fields by type, in record order</caption>
 * <tr><td>refused</td><td>reason, retryAfterSeconds, dryRun</td></tr>
 * <tr><td>login</td><td>outcome, user, account, email, verdict, reason, reply, tls</td></tr>
 * <tr><td>transfer</td><td>direction, path, bytes, durationMs, transferType, status, account, email, tls</td></tr>
 * <tr><td>denied</td><td>command, path, reply</td></tr>
 * <tr><td>ban</td><td>key, until, strike, reason</td></tr>
 * <tr><td>logout</td><td>durationMs, bytesIn, bytesOut, filesIn, filesOut, account, email, tls</td></tr>
 * </table>
 */
public final class AccessEvent {

    private final Builder b;

    private AccessEvent(Builder builder) {
        this.b = builder.copy();
    }

    /** Starts a record with its common fields. */
    public static Builder of(EventType type, Instant timestamp, String session, String ip, int port) {
        return new Builder(type, timestamp, session, ip, port);
    }

    public Builder toBuilder() {
        return b.copy();
    }

    public EventType type() {
        return b.type;
    }

    public Instant timestamp() {
        return b.timestamp;
    }

    public String session() {
        return b.session;
    }

    public String ip() {
        return b.ip;
    }

    public int port() {
        return b.port;
    }

    /**
     * The reason token, JSON key {@code reason}: on a refusal the refusal ({@code connection-rate}, ...), on a
     * login the e-mail policy's reason ({@code ok}, {@code no-at-sign}, ...) or why it was refused before any
     * password ({@code anonymous-only}, ...), on a ban {@code login-failures}.
     */
    public String reason() {
        return b.reason;
    }

    public Long retryAfterSeconds() {
        return b.retryAfterSeconds;
    }

    public Boolean dryRun() {
        return b.dryRun;
    }

    public Outcome outcome() {
        return b.outcome;
    }

    public String user() {
        return b.user;
    }

    public String account() {
        return b.account;
    }

    public String email() {
        return b.email;
    }

    /** What the e-mail policy made of a guest's password (JSON {@code verdict}); null for other logins. */
    public Verdict verdict() {
        return b.verdict;
    }

    public Integer reply() {
        return b.reply;
    }

    /** JSON {@code direction}. */
    public Direction direction() {
        return b.direction;
    }

    public String path() {
        return b.path;
    }

    public Long bytes() {
        return b.bytes;
    }

    public Long durationMs() {
        return b.durationMs;
    }

    /** {@code a} (ASCII) or {@code b} (binary): JSON {@code type}. */
    public String transferType() {
        return b.transferType;
    }

    /** How the transfer ended (JSON {@code status}). */
    public TransferStatus status() {
        return b.status;
    }

    public String command() {
        return b.command;
    }

    public String key() {
        return b.key;
    }

    public Instant until() {
        return b.until;
    }

    public Integer strike() {
        return b.strike;
    }

    public Long bytesIn() {
        return b.bytesIn;
    }

    public Long bytesOut() {
        return b.bytesOut;
    }

    public Integer filesIn() {
        return b.filesIn;
    }

    public Integer filesOut() {
        return b.filesOut;
    }

    /** Whether the control connection was encrypted (RFC 4217 {@code AUTH TLS}); null when not known. */
    public Boolean tls() {
        return b.tls;
    }

    /** Whether the session was a guest's (its account is {@code anonymous}). */
    public boolean isGuest() {
        return "anonymous".equals(b.account);
    }

    /**
     * The type and every field that is set, named like its accessor, in a fixed order, on one line:
     * {@code AccessEvent[LOGIN timestamp=2026-11-24T00:39:11.123Z session="7" ip="127.0.0.1" port=50123
     * outcome=OK user="anonymous" ... reply=230]}. Strings are quoted, with control characters escaped and
     * long values cut, so client text cannot break the line.
     */
    @Override
    public String toString() {
        return EventText.describe(this);
    }

    /** Builds an {@link AccessEvent}; setters for fields that do not belong to the type are simply unused. */
    public static final class Builder {
        private final EventType type;
        private Instant timestamp;
        private final String session;
        private String ip;
        private final int port;
        private String reason;
        private Long retryAfterSeconds;
        private Boolean dryRun;
        private Outcome outcome;
        private String user;
        private String account;
        private String email;
        private Verdict verdict;
        private Integer reply;
        private Direction direction;
        private String path;
        private Long bytes;
        private Long durationMs;
        private String transferType;
        private TransferStatus status;
        private String command;
        private String key;
        private Instant until;
        private Integer strike;
        private Long bytesIn;
        private Long bytesOut;
        private Integer filesIn;
        private Integer filesOut;
        private Boolean tls;

        private Builder(EventType type, Instant timestamp, String session, String ip, int port) {
            this.type = Objects.requireNonNull(type, "type");
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
            this.session = session == null ? "" : session;
            this.ip = ip == null ? "" : ip;
            this.port = port;
        }

        private Builder copy() {
            Builder c = new Builder(type, timestamp, session, ip, port);
            c.reason = reason;
            c.retryAfterSeconds = retryAfterSeconds;
            c.dryRun = dryRun;
            c.outcome = outcome;
            c.user = user;
            c.account = account;
            c.email = email;
            c.verdict = verdict;
            c.reply = reply;
            c.direction = direction;
            c.path = path;
            c.bytes = bytes;
            c.durationMs = durationMs;
            c.transferType = transferType;
            c.status = status;
            c.command = command;
            c.key = key;
            c.until = until;
            c.strike = strike;
            c.bytesIn = bytesIn;
            c.bytesOut = bytesOut;
            c.filesIn = filesIn;
            c.filesOut = filesOut;
            c.tls = tls;
            return c;
        }

        public Builder ip(String value) {
            ip = value == null ? "" : value;
            return this;
        }

        public Builder reason(String value) {
            reason = value;
            return this;
        }

        public Builder retryAfterSeconds(Long value) {
            retryAfterSeconds = value;
            return this;
        }

        public Builder dryRun(Boolean value) {
            dryRun = value;
            return this;
        }

        public Builder outcome(Outcome value) {
            outcome = value;
            return this;
        }

        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder account(String value) {
            account = value;
            return this;
        }

        public Builder email(String value) {
            email = value;
            return this;
        }

        public Builder verdict(Verdict value) {
            verdict = value;
            return this;
        }

        public Builder reply(Integer value) {
            reply = value;
            return this;
        }

        public Builder direction(Direction value) {
            direction = value;
            return this;
        }

        public Builder path(String value) {
            path = value;
            return this;
        }

        public Builder bytes(Long value) {
            bytes = value;
            return this;
        }

        public Builder durationMs(Long value) {
            durationMs = value;
            return this;
        }

        /** {@code a} (ASCII) or {@code b} (binary). */
        public Builder transferType(String value) {
            transferType = value;
            return this;
        }

        public Builder status(TransferStatus value) {
            status = value;
            return this;
        }

        public Builder command(String value) {
            command = value;
            return this;
        }

        public Builder key(String value) {
            key = value;
            return this;
        }

        public Builder until(Instant value) {
            until = value;
            return this;
        }

        public Builder strike(Integer value) {
            strike = value;
            return this;
        }

        public Builder bytesIn(Long value) {
            bytesIn = value;
            return this;
        }

        public Builder bytesOut(Long value) {
            bytesOut = value;
            return this;
        }

        public Builder filesIn(Integer value) {
            filesIn = value;
            return this;
        }

        public Builder filesOut(Integer value) {
            filesOut = value;
            return this;
        }

        /** Whether the control connection was encrypted. */
        public Builder tls(Boolean value) {
            tls = value;
            return this;
        }

        public AccessEvent build() {
            return new AccessEvent(this);
        }
    }
}

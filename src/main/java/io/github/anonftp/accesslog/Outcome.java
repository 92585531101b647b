package io.github.anonftp.accesslog;

import java.util.Locale;

/** How a login ended. */
public enum Outcome {
    /** Logged in. */
    OK,
    /** Logged in with a warning about the e-mail password (warn mode, or a warned placeholder). */
    WARNED,
    /** Refused by the e-mail policy (or the guest cap, or a ban) before authentication. */
    REFUSED,
    /** Authentication failed (a real user's wrong password). */
    FAILED;

    public String token() {
        return name().toLowerCase(Locale.ROOT);
    }
}

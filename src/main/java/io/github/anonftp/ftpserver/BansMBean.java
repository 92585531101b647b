package io.github.anonftp.ftpserver;

/**
 * Runtime control of the rate limiter's bans over JMX: {@code io.github.anonftp:type=Bans,name=<jmxName>}
 * (jconsole's Operations tab). A client is given as its IP address, or as its client key's network
 * ({@code 2001:db8:1:2::/64} when IPv6 clients are counted by /64). Bans and unbans go to the access log as
 * {@code ban} and {@code unban} records with {@code "by":"operator"}; a ban closes the client's open sessions with
 * {@code 421}. A bad argument fails with an {@code IllegalArgumentException} that says why.
 */
public interface BansMBean {

    /**
     * Bans a client for a duration ({@code 30m}, {@code 2h}, {@code PT1H}; at most {@code rateLimit.maxBanDuration})
     * and closes its open sessions; returns a line describing the ban.
     */
    String ban(String client, String duration);

    /** Lifts a client's ban; returns whether one was in force. */
    boolean unban(String client);

    /** Forgets a client's failed logins, strikes and ban. */
    void forget(String client);

    /** The bans in force: {@code key until=<instant> remaining=<duration> strike=<n>}, one per ban. */
    String[] getActiveBans();
}

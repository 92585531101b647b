package io.github.anonftp.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.ftpserver.ftplet.Ftplet;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.FactoryBean;

import io.github.anonftp.Settings;
import io.github.anonftp.accesslog.AccessLog;
import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.accesslog.AccessLogs;
import io.github.anonftp.email.EmailPolicyConfig;
import io.github.anonftp.ftpserver.AnonFtplet;
import io.github.anonftp.ratelimit.InMemoryRateLimiter;
import io.github.anonftp.ratelimit.RateLimitConfig;

/**
 * Makes the {@link AnonFtplet} for FtpServer's {@code <ftplet name="anonftp">} element: the e-mail policy, an
 * in-memory rate limiter and the access log. Every property is an {@code emailPolicy.*}, {@code rateLimit.*} or
 * {@code accessLog.*} setting under the same name (no name occurs in two sections). The access log is closed,
 * after its last records are written, when Spring closes the context.
 *
 * <pre>{@code
 * <ftplets><ftplet name="anonftp"><beans:bean class="io.github.anonftp.spring.AnonFtpletFactoryBean">
 *   <beans:property name="enforcement" value="enforce"/>
 *   <beans:property name="banDuration" value="10m"/>
 *   <beans:property name="destination" value="res/log/anonftp-access.jsonl"/>
 * </beans:bean></ftplet></ftplets>
 * }</pre>
 */
public class AnonFtpletFactoryBean implements FactoryBean<Ftplet>, DisposableBean {

    private final List<Consumer<EmailPolicyConfig.Builder>> emailPolicy = new ArrayList<>();
    private final List<Consumer<RateLimitConfig.Builder>> rateLimit = new ArrayList<>();
    private final List<Consumer<AccessLogConfig.Builder>> accessLog = new ArrayList<>();
    private AccessLog log;
    private AnonFtplet ftplet;

    public AnonFtpletFactoryBean() {
    }

    // emailPolicy.*

    /** {@code emailPolicy.strictness}: {@code off}, {@code trivial} or {@code rfc5321}. */
    public void setStrictness(String value) {
        emailPolicy.add(b -> b.strictness(value));
    }

    /** {@code emailPolicy.enforcement}: {@code enforce} or {@code warn}. */
    public void setEnforcement(String value) {
        emailPolicy.add(b -> b.enforcement(value));
    }

    /** {@code emailPolicy.placeholders}: {@code accept}, {@code warn} or {@code reject} placeholder addresses. */
    public void setPlaceholders(String value) {
        emailPolicy.add(b -> b.placeholders(value));
    }

    /** {@code emailPolicy.allowed}: address patterns, separated by commas or white space. */
    public void setAllowed(String value) {
        emailPolicy.add(b -> b.allowed(value));
    }

    /** {@code emailPolicy.denied}: address patterns, separated by commas or white space. */
    public void setDenied(String value) {
        emailPolicy.add(b -> b.denied(value));
    }

    /** {@code emailPolicy.allowOnly}: only addresses matching {@code allowed} may log in. */
    public void setAllowOnly(boolean value) {
        emailPolicy.add(b -> b.allowOnly(value));
    }

    /** {@code emailPolicy.extraPlaceholders}: more placeholder addresses, separated by commas or white space. */
    public void setExtraPlaceholders(String value) {
        emailPolicy.add(b -> b.extraPlaceholders(value));
    }

    /** {@code emailPolicy.smtpUtf8}: whether internationalised addresses are accepted. */
    public void setSmtpUtf8(boolean value) {
        emailPolicy.add(b -> b.smtpUtf8(value));
    }

    // rateLimit.*

    /** {@code rateLimit.maxFailuresPerConnection}. */
    public void setMaxFailuresPerConnection(int value) {
        rateLimit.add(b -> b.maxFailuresPerConnection(value));
    }

    /** {@code rateLimit.maxSessionsPerClient}, 0 = no limit. */
    public void setMaxSessionsPerClient(int value) {
        rateLimit.add(b -> b.maxSessionsPerClient(value));
    }

    /** {@code rateLimit.connectionRate}: a rate such as {@code 60/1m}. */
    public void setConnectionRate(String value) {
        rateLimit.add(b -> b.connectionRate(value));
    }

    /** {@code rateLimit.connectionBurst}, 0 = the rate's count. */
    public void setConnectionBurst(int value) {
        rateLimit.add(b -> b.connectionBurst(value));
    }

    /** {@code rateLimit.commandRate}: a rate such as {@code 100/1s}. */
    public void setCommandRate(String value) {
        rateLimit.add(b -> b.commandRate(value));
    }

    /** {@code rateLimit.commandBurst}, 0 = the rate's count. */
    public void setCommandBurst(int value) {
        rateLimit.add(b -> b.commandBurst(value));
    }

    /** {@code rateLimit.maxLoginFailures}: per {@code loginFailureWindow} before a ban, 0 = never ban. */
    public void setMaxLoginFailures(int value) {
        rateLimit.add(b -> b.maxLoginFailures(value));
    }

    /** {@code rateLimit.loginFailureWindow}: a duration such as {@code 10m}. */
    public void setLoginFailureWindow(String value) {
        rateLimit.add(b -> b.loginFailureWindow(Settings.parseDuration("rateLimit.loginFailureWindow", value)));
    }

    /** {@code rateLimit.banDuration}: a duration such as {@code 10m}. */
    public void setBanDuration(String value) {
        rateLimit.add(b -> b.banDuration(Settings.parseDuration("rateLimit.banDuration", value)));
    }

    /** {@code rateLimit.banEscalation}: factor per repeated ban, 1 = fixed. */
    public void setBanEscalation(int value) {
        rateLimit.add(b -> b.banEscalation(value));
    }

    /** {@code rateLimit.maxBanDuration}: a duration such as {@code 24h}. */
    public void setMaxBanDuration(String value) {
        rateLimit.add(b -> b.maxBanDuration(Settings.parseDuration("rateLimit.maxBanDuration", value)));
    }

    /** {@code rateLimit.maxConnections}: connections at once, all clients, 0 = no limit. */
    public void setMaxConnections(int value) {
        rateLimit.add(b -> b.maxConnections(value));
    }

    /** {@code rateLimit.loginTimeout}: time to log in after connecting, such as {@code 60s}; 0 = none. */
    public void setLoginTimeout(String value) {
        rateLimit.add(b -> b.loginTimeout(Settings.parseDuration("rateLimit.loginTimeout", value)));
    }

    /** {@code rateLimit.loginFailureDelay}: pause after a failed login, such as {@code 1s}. */
    public void setLoginFailureDelay(String value) {
        rateLimit.add(b -> b.loginFailureDelay(Settings.parseDuration("rateLimit.loginFailureDelay", value)));
    }

    /** {@code rateLimit.ipv4PrefixLength}: IPv4 addresses counted together, 8..32. */
    public void setIpv4PrefixLength(int value) {
        rateLimit.add(b -> b.ipv4PrefixLength(value));
    }

    /** {@code rateLimit.ipv6PrefixLength}: IPv6 addresses counted together, 32..128. */
    public void setIpv6PrefixLength(int value) {
        rateLimit.add(b -> b.ipv6PrefixLength(value));
    }

    /** {@code rateLimit.allowedNetworks}: CIDRs exempt from the limits, separated by commas or white space. */
    public void setAllowedNetworks(String value) {
        rateLimit.add(b -> b.allowedNetworks(value));
    }

    /** {@code rateLimit.deniedNetworks}: CIDRs always refused, separated by commas or white space. */
    public void setDeniedNetworks(String value) {
        rateLimit.add(b -> b.deniedNetworks(value));
    }

    /** {@code rateLimit.dryRun}: log refusals but refuse nothing. */
    public void setDryRun(boolean value) {
        rateLimit.add(b -> b.dryRun(value));
    }

    /** {@code rateLimit.maxTrackedClients}: clients remembered at most. */
    public void setMaxTrackedClients(int value) {
        rateLimit.add(b -> b.maxTrackedClients(value));
    }

    // accessLog.*

    /** {@code accessLog.destination}: {@code slf4j}, {@code -}, {@code none} or a file (relative to the home). */
    public void setDestination(String value) {
        boolean file = value != null && !value.equals(AccessLogConfig.SLF4J) && !value.equals(AccessLogConfig.STDOUT)
                && !value.equals(AccessLogConfig.NONE);
        accessLog.add(b -> b.destination(
                file ? HomeDirectory.resolve("accessLog.destination", value).toString() : value));
    }

    /**
     * {@code accessLog.extraDestinations}: more destinations, each {@code FORMAT:DESTINATION} with its own format
     * ({@code xferlog:res/log/xferlog, json:-}), separated by commas or white space; files relative to the home.
     */
    public void setExtraDestinations(String value) {
        accessLog.add(b -> {
            for (String item : Settings.parseList("accessLog.extraDestinations", value)) {
                AccessLogConfig.Destination parsed = AccessLogConfig.Destination.parse(item);
                b.extraDestination(parsed.format(), parsed.isFile()
                        ? HomeDirectory.resolve("accessLog.extraDestinations", parsed.destination()).toString()
                        : parsed.destination());
            }
        });
    }

    /** {@code accessLog.format}: {@code json} or {@code xferlog}. */
    public void setFormat(String value) {
        accessLog.add(b -> b.format(value));
    }

    /** {@code accessLog.addressPrivacy}: how e-mail addresses are written. */
    public void setAddressPrivacy(String value) {
        accessLog.add(b -> b.addressPrivacy(value));
    }

    /** {@code accessLog.ipPrivacy}: how client IPs are written. */
    public void setIpPrivacy(String value) {
        accessLog.add(b -> b.ipPrivacy(value));
    }

    /** {@code accessLog.privacySecretFile}: the HMAC key's file (relative to the home), read at start-up. */
    public void setPrivacySecretFile(String value) {
        accessLog.add(b -> b.privacySecretFile(HomeDirectory.resolve("accessLog.privacySecretFile", value)));
    }

    /** {@code accessLog.logConnects}: whether admitted connections get a record. */
    public void setLogConnects(boolean value) {
        accessLog.add(b -> b.logConnects(value));
    }

    /** {@code accessLog.loggerName}: the SLF4J logger of destination {@code slf4j}. */
    public void setLoggerName(String value) {
        accessLog.add(b -> b.loggerName(value));
    }

    /** {@code accessLog.privacySecret}: the HMAC key itself; prefer {@code privacySecretFile}, kept out of the XML. */
    public void setPrivacySecret(String value) {
        accessLog.add(b -> b.privacySecret(value));
    }

    /** {@code accessLog.xferlogZone}: the time zone of xferlog time stamps, such as {@code UTC}. */
    public void setXferlogZone(String value) {
        accessLog.add(b -> {
            try {
                b.xferlogZone(java.time.ZoneId.of(value.strip()));
            } catch (java.time.DateTimeException e) {
                throw io.github.anonftp.Settings.invalid("accessLog.xferlogZone", value,
                        "a time zone id such as UTC or Europe/Berlin", e);
            }
        });
    }

    /** {@code accessLog.queueCapacity}: records waiting to be written, at most. */
    public void setQueueCapacity(int value) {
        accessLog.add(b -> b.queueCapacity(value));
    }

    /** {@code accessLog.maxFieldLength}: client-supplied strings are cut to this length. */
    public void setMaxFieldLength(int value) {
        accessLog.add(b -> b.maxFieldLength(value));
    }

    @Override
    public synchronized Ftplet getObject() {
        if (ftplet == null) {
            ftplet = StartupErrors.logged(() -> {
                EmailPolicyConfig email = apply(EmailPolicyConfig.builder(), emailPolicy).build();
                RateLimitConfig limits = apply(RateLimitConfig.builder(), rateLimit).build();
                AccessLogConfig logConfig = apply(AccessLogConfig.builder(), accessLog).build();
                log = AccessLogs.create(logConfig);
                return AnonFtplet.builder().emailPolicy(email).rateLimiter(new InMemoryRateLimiter(limits))
                        .accessLog(log, logConfig).closesAccessLog(true).build();
            });
        }
        return ftplet;
    }

    /** Applies the settings in the order Spring set them; a bad value fails here, with the builder's message. */
    private static <B> B apply(B builder, List<Consumer<B>> settings) {
        for (Consumer<B> setting : settings) {
            setting.accept(builder);
        }
        return builder;
    }

    @Override
    public Class<?> getObjectType() {
        return AnonFtplet.class;
    }

    @Override
    public boolean isSingleton() {
        return true;
    }

    /** Closes the access log (its last records are written first). */
    @Override
    public synchronized void destroy() {
        if (log != null) {
            log.close();
        }
    }
}

package io.github.anonftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.accesslog.AccessLogConfig;
import io.github.anonftp.accesslog.AddressPrivacy;
import io.github.anonftp.accesslog.IpPrivacy;
import io.github.anonftp.accesslog.RecordFormat;
import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.AnonymousTls;
import io.github.anonftp.anonymous.UploadConfig;
import io.github.anonftp.email.EmailPolicyConfig;
import io.github.anonftp.email.Enforcement;
import io.github.anonftp.email.PlaceholderAction;
import io.github.anonftp.email.Strictness;
import io.github.anonftp.ratelimit.Rate;
import io.github.anonftp.ratelimit.RateLimitConfig;

/**
 * {@code toBuilder()} of every configuration record carries every setting: each sample below sets every
 * component to a value other than the builder's default (checked, so a new setting cannot be forgotten here or
 * in {@code toBuilder()}), and {@code toBuilder().build()} gives back an equal configuration.
 */
class ConfigToBuilderTest {

    @TempDir
    Path temp;

    static RateLimitConfig rateLimitSample() {
        return RateLimitConfig.builder().maxFailuresPerConnection(5).maxSessionsPerClient(2)
                .connectionRate(Rate.of(5, Duration.ofSeconds(10))).connectionBurst(7)
                .commandRate(Rate.of(10, Duration.ofSeconds(1))).commandBurst(20).maxLoginFailures(4)
                .loginFailureWindow(Duration.ofMinutes(3)).banDuration(Duration.ofMinutes(2)).banEscalation(3)
                .maxBanDuration(Duration.ofHours(2)).maxConnections(50).loginTimeout(Duration.ofSeconds(20))
                .loginFailureDelay(Duration.ofSeconds(1)).ipv4PrefixLength(24).ipv6PrefixLength(56)
                .allowedNetworks("10.0.0.0/8").deniedNetworks("192.0.2.0/24").dryRun(true)
                .maxTrackedClients(5000).uploadQuotaPerClient("1GiB/1d").uploadFilesPerClient("100/1d").build();
    }

    static EmailPolicyConfig emailPolicySample() {
        return EmailPolicyConfig.builder().strictness(Strictness.TRIVIAL).enforcement(Enforcement.WARN)
                .placeholders(PlaceholderAction.REJECT).allowed("*@example.org").denied("*@mailinator.com")
                .allowOnly(true).extraPlaceholders("guest").smtpUtf8(false).build();
    }

    static AccessLogConfig accessLogSample() {
        return AccessLogConfig.builder().format(RecordFormat.XFERLOG).destination("-").loggerName("site.access")
                .addressPrivacy(AddressPrivacy.HMAC).ipPrivacy(IpPrivacy.TRUNCATE)
                .privacySecret("correct horse battery").logConnects(true).queueCapacity(64).maxFieldLength(100)
                .xferlogZone(ZoneId.of(ZoneId.systemDefault().getId().equals("Pacific/Chatham")
                        ? "Asia/Kathmandu" : "Pacific/Chatham"))
                .extraDestinations("json:slf4j")
                .build();
    }

    AnonymousConfig anonymousSample() throws Exception {
        return AnonymousConfig.builder().names("guest").enabled(false)
                .homeDirectory(Files.createDirectory(temp.resolve("home")))
                .uploadPath("/drop").uploadDirectory(Files.createDirectory(temp.resolve("drop"))).maxSessions(7)
                .idleTimeout(Duration.ofMinutes(1)).maxDownloadRate(1000).maxUploadRate(2000).followSymlinks(true)
                .passwordPrompt("Send your address.").loginReply("Welcome.").loginMessage("Mirror of example.org")
                .hideFiles("*.tmp").denyFiles(".git").banner("Archive").dirMessage(".message")
                .tls(AnonymousTls.REQUIRED)
                .uploads(uploadSample()).maxDownloadRatePerClient(3000).maxUploadRatePerClient(4000).build();
    }

    UploadConfig uploadSample() throws Exception {
        return UploadConfig.builder().maxUploadSize("100MiB").minFreeSpace("2GiB").maxDropBoxSize("20GiB")
                .keepPartialUploads(true).uploadNamePattern("[a-z]+").denyUploadNames("*.exe").uploadRename(true)
                .uploadMode("0600").uploadGroup("users").onUpload("true").onUploadTimeout(Duration.ofSeconds(5))
                .quarantineDirectory(Files.createDirectory(temp.resolve("quarantine"))).build();
    }

    @Test
    void uploadToBuilderKeepsEverySetting() throws Exception {
        UploadConfig sample = uploadSample();
        assertEverySettingSurvives(sample, UploadConfig.defaults(), sample.toBuilder().build());
    }

    @Test
    void rateLimitToBuilderKeepsEverySetting() {
        assertEverySettingSurvives(rateLimitSample(), RateLimitConfig.builder().build(),
                rateLimitSample().toBuilder().build());
    }

    @Test
    void emailPolicyToBuilderKeepsEverySetting() {
        assertEverySettingSurvives(emailPolicySample(), EmailPolicyConfig.builder().build(),
                emailPolicySample().toBuilder().build());
    }

    @Test
    void accessLogToBuilderKeepsEverySetting() {
        assertEverySettingSurvives(accessLogSample(), AccessLogConfig.builder().build(),
                accessLogSample().toBuilder().build());
    }

    @Test
    void anonymousToBuilderKeepsEverySetting() throws Exception {
        AnonymousConfig sample = anonymousSample();
        AnonymousConfig defaults = AnonymousConfig.builder().homeDirectory(temp).build();
        assertEverySettingSurvives(sample, defaults, sample.toBuilder().build());
    }

    @Test
    void changingOneSettingKeepsTheOthers() {
        RateLimitConfig changed = rateLimitSample().toBuilder().maxSessionsPerClient(3).build();
        assertThat(changed.maxSessionsPerClient()).isEqualTo(3);
        assertThat(changed.toBuilder().maxSessionsPerClient(2).build()).isEqualTo(rateLimitSample());
    }

    @Test
    void aBuilderFromToBuilderStillValidates() {
        assertThatThrownBy(() -> rateLimitSample().toBuilder().ipv6PrefixLength(130).build())
                .isInstanceOf(FtpServerConfigurationException.class)
                .hasMessageStartingWith("rateLimit.ipv6PrefixLength: 130 is out of range");
    }

    /** Every component of {@code sample} differs from {@code defaults}, and {@code copy} equals {@code sample}. */
    private static void assertEverySettingSurvives(Record sample, Record defaults, Record copy) {
        List<RecordComponent> components = List.of(sample.getClass().getRecordComponents());
        for (RecordComponent component : components) {
            assertThat(value(component, sample)).as("the sample's %s must differ from the default, so that"
                    + " toBuilder() is seen to copy it", component.getName())
                    .isNotEqualTo(value(component, defaults));
            assertThat(value(component, copy)).as(component.getName()).isEqualTo(value(component, sample));
        }
        assertThat(copy).isEqualTo(sample);
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}

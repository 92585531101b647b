package io.github.anonftp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.ftpserver.FtpServerConfigurationException;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.github.anonftp.accesslog.IpPrivacy;
import io.github.anonftp.ratelimit.Rate;

/**
 * Fuzzes {@code Settings}' value parsers with any text: a value, or a configuration error that names the setting
 * in one printable line of bounded length; durations and lists parse back from what they print. Regression inputs
 * live in {@code src/test/resources/io/github/anonftp/SettingsFuzzTestInputs/}.
 */
class SettingsFuzzTest {

    private static final String SETTING = "section.setting";

    @FuzzTest(maxDuration = "2m")
    void everyValueParsesOrFailsWithASettingsMessage(FuzzedDataProvider data) {
        int parser = data.consumeInt(0, 6);
        String text = data.consumeRemainingAsString();
        try {
            switch (parser) {
                case 0 -> {
                    Duration duration = Settings.parseDuration(SETTING, text);
                    String shown = Settings.format(duration);
                    if (!duration.isNegative()) { // never a valid setting: shown as -1s, for messages only
                        assertThat(Settings.parseDuration(SETTING, shown)).isEqualTo(duration);
                    }
                }
                case 1 -> Settings.parseSize(SETTING, text);
                case 2 -> assertThat(Settings.parseInt(SETTING, text, -5, 1000)).isBetween(-5, 1000);
                case 3 -> Settings.parseBoolean(SETTING, text);
                case 4 -> Settings.parseEnum(SETTING, text, IpPrivacy.class);
                case 5 -> {
                    List<String> list = Settings.parseList(SETTING, text);
                    assertThat(list).allSatisfy(item -> assertThat(item).isNotBlank().isEqualTo(item.strip()));
                    assertThat(Settings.parseList(SETTING, String.join(",", list))).isEqualTo(list);
                }
                default -> Rate.parse(SETTING, text);
            }
        } catch (FtpServerConfigurationException e) {
            String message = e.getMessage();
            assertThat(message).startsWith(SETTING + ": ");
            assertThat(message.chars().noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029))
                    .as("one printable line: %s", message).isTrue();
            assertThat(message.length()).isLessThan(600);
        }
    }
}

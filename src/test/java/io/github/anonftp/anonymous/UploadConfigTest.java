package io.github.anonftp.anonymous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every upload setting's mistakes fail at start-up naming the setting, the value and what is valid. */
class UploadConfigTest {

    @TempDir
    Path dir;

    private static void fails(Runnable configuration, String message) {
        assertThatThrownBy(configuration::run).isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage(message);
    }

    @Test
    void badValuesAreNamed() {
        fails(() -> UploadConfig.builder().maxUploadSize(-1).build(),
                "anonymous.maxUploadSize: -1 is out of range; expected 0..1152921504606846976 (bytes, 0 = unlimited)");
        fails(() -> UploadConfig.builder().maxDropBoxSize("lots").build(), "anonymous.maxDropBoxSize: \"lots\" is"
                + " not valid; expected a whole number of bytes, optionally with a unit: 512KiB, 10MiB, 1GiB, 500kB,"
                + " 2MB");
        fails(() -> UploadConfig.builder().uploadMode(01000).build(),
                "anonymous.uploadMode: \"01000\" is not valid; expected octal permission bits 0000..0777 such as 0640");
        fails(() -> UploadConfig.builder().denyUploadNames(List.of("bin/*.exe")).build(), "anonymous.denyUploadNames:"
                + " \"bin/*.exe\" is not valid; expected file-name globs such as *.exe or *.php, without / or control"
                + " characters");
        fails(() -> UploadConfig.builder().onUploadTimeout(Duration.ofMillis(10)).build(),
                "anonymous.onUploadTimeout: 10ms is out of range; expected 100ms..1h");
        fails(() -> UploadConfig.builder().quarantineDirectory(dir.resolve("missing")).build(),
                "anonymous.quarantineDirectory: \"" + dir.resolve("missing") + "\" does not exist or is not a"
                        + " directory; expected an existing readable directory");
    }

    @Test
    void theDefaultsAreTheIssuesOnes() {
        UploadConfig defaults = UploadConfig.defaults();
        assertThat(defaults.maxUploadSize()).isZero();
        assertThat(defaults.minFreeSpace()).isEqualTo(UploadConfig.AUTO_MIN_FREE_SPACE);
        assertThat(defaults.maxDropBoxSize()).isZero();
        assertThat(defaults.uploadMode()).isEqualTo(0640);
        assertThat(defaults.onUploadTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.uploadRename()).isFalse();
        assertThat(defaults.keepPartialUploads()).isFalse();
    }

    @Test
    void globsMatchWholeNamesInAnyCase() {
        assertThat(UploadNames.glob("*.exe").matcher("SETUP.EXE").matches()).isTrue();
        assertThat(UploadNames.glob("*.exe").matcher("setup.exe.txt").matches()).isFalse();
        assertThat(UploadNames.glob("a?c").matcher("abc").matches()).isTrue();
        assertThat(UploadNames.glob("(x).*").matcher("(x).y").matches()).as("other characters are literal").isTrue();
    }
}

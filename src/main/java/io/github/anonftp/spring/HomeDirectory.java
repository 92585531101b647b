package io.github.anonftp.spring;

import java.io.File;
import java.nio.file.Path;

import io.github.anonftp.Settings;

/**
 * Resolves the relative paths of Spring XML configurations: against the directory named by the system
 * property {@value #PROPERTY}, else against the working directory (FtpServer's {@code bin/ftpd.sh} changes
 * into {@code FTPD_HOME}, so {@code res/home} means {@code FTPD_HOME/res/home}).
 */
public final class HomeDirectory {

    /** The system property naming the base directory of relative paths. */
    public static final String PROPERTY = "anonftp.home";

    private HomeDirectory() {
    }

    /** The base directory of relative paths, absolute. */
    public static Path base() {
        String home = System.getProperty(PROPERTY);
        return Path.of(home == null || home.isBlank() ? System.getProperty("user.dir") : home).toAbsolutePath();
    }

    /** {@code value} as an absolute path: as it is if absolute, else under {@link #base()}. */
    public static Path resolve(String setting, String value) {
        Path path = Path.of(Settings.checkText(setting, value));
        return path.isAbsolute() ? path.normalize() : base().resolve(path).normalize();
    }

    static File resolve(File file) {
        return file == null || file.isAbsolute() ? file : base().resolve(file.toPath()).normalize().toFile();
    }
}

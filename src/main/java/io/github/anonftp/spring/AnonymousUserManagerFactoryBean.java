package io.github.anonftp.spring;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.UserManagerFactory;
import org.springframework.beans.factory.FactoryBean;

import io.github.anonftp.Settings;
import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.AnonymousUserManager;
import io.github.anonftp.anonymous.UploadConfig;

/**
 * Makes an {@link AnonymousUserManager} for FtpServer's {@code <user-manager>} element. Every property is an
 * {@code anonymous.*} setting of {@link AnonymousConfig.Builder} under the same name; {@code delegate} is the
 * site's user manager for real accounts (a {@link UserManager} or a {@link UserManagerFactory} such as
 * {@link PropertiesUserManagerFactory}, whose relative {@code file} resolves like every other path here).
 *
 * <pre>{@code
 * <user-manager><beans:bean class="io.github.anonftp.spring.AnonymousUserManagerFactoryBean">
 *   <beans:property name="homeDirectory" value="res/home"/>
 * </beans:bean></user-manager>
 * }</pre>
 */
public class AnonymousUserManagerFactoryBean implements FactoryBean<UserManager> {

    private final List<Consumer<AnonymousConfig.Builder>> config = new ArrayList<>();
    private final List<Consumer<UploadConfig.Builder>> uploads = new ArrayList<>();
    private Object delegate;
    private AnonymousUserManager userManager;

    public AnonymousUserManagerFactoryBean() {
    }

    /** {@code anonymous.names}: the guest names, separated by commas or white space. */
    public void setNames(String value) {
        config.add(b -> b.names(Settings.parseList("anonymous.names", value)));
    }

    /** {@code anonymous.enabled}. */
    public void setEnabled(boolean value) {
        config.add(b -> b.enabled(value));
    }

    /** {@code anonymous.homeDirectory}: the guests' read-only root; relative to {@link HomeDirectory#base()}. */
    public void setHomeDirectory(String value) {
        config.add(b -> b.homeDirectory(HomeDirectory.resolve("anonymous.homeDirectory", value)));
    }

    /** {@code anonymous.uploadDirectory}: the drop box on disk; relative to {@link HomeDirectory#base()}. */
    public void setUploadDirectory(String value) {
        config.add(b -> b.uploadDirectory(HomeDirectory.resolve("anonymous.uploadDirectory", value)));
    }

    /** {@code anonymous.uploadPath}: the drop box's path as guests see it. */
    public void setUploadPath(String value) {
        config.add(b -> b.uploadPath(value));
    }

    /** {@code anonymous.maxSessions}: concurrent guest sessions, 0 = unlimited. */
    public void setMaxSessions(int value) {
        config.add(b -> b.maxSessions(value));
    }

    /** {@code anonymous.idleTimeout}: a duration such as {@code 5m}. */
    public void setIdleTimeout(String value) {
        config.add(b -> b.idleTimeout(Settings.parseDuration("anonymous.idleTimeout", value)));
    }

    /** {@code anonymous.maxDownloadRate}: bytes per second such as {@code 512KiB}, 0 = unlimited. */
    public void setMaxDownloadRate(String value) {
        config.add(b -> b.maxDownloadRate(Settings.parseSize("anonymous.maxDownloadRate", value)));
    }

    /** {@code anonymous.maxUploadRate}: bytes per second such as {@code 64KiB}, 0 = unlimited. */
    public void setMaxUploadRate(String value) {
        config.add(b -> b.maxUploadRate(Settings.parseSize("anonymous.maxUploadRate", value)));
    }

    /**
     * {@code anonymous.maxDownloadRatePerClient}: bytes per second such as {@code 1MiB} for all downloads of
     * one client together, 0 = unlimited; needs anonftp's listener ({@code AnonListenerFactoryBean}).
     */
    public void setMaxDownloadRatePerClient(String value) {
        config.add(b -> b.maxDownloadRatePerClient(Settings.parseSize("anonymous.maxDownloadRatePerClient", value)));
    }

    /** {@code anonymous.maxUploadRatePerClient}: as {@code maxDownloadRatePerClient}, for uploads. */
    public void setMaxUploadRatePerClient(String value) {
        config.add(b -> b.maxUploadRatePerClient(Settings.parseSize("anonymous.maxUploadRatePerClient", value)));
    }

    /** {@code anonymous.followSymlinks}. */
    public void setFollowSymlinks(boolean value) {
        config.add(b -> b.followSymlinks(value));
    }

    /** {@code anonymous.passwordPrompt}: the text of the 331 reply to a guest. */
    public void setPasswordPrompt(String value) {
        config.add(b -> b.passwordPrompt(value));
    }

    /** {@code anonymous.loginReply}: the text of the final 230 line of a guest login. */
    public void setLoginReply(String value) {
        config.add(b -> b.loginReply(value));
    }

    /** {@code anonymous.loginMessage}: {@code 230-} lines shown to guests before the login reply. */
    public void setLoginMessage(String value) {
        config.add(b -> b.loginMessage(value));
    }

    /** {@code anonymous.hideFiles}: globs of names or guest paths left out of listings, comma-separated. */
    public void setHideFiles(String value) {
        config.add(b -> b.hideFiles(value));
    }

    /** {@code anonymous.denyFiles}: globs of names or guest paths that do not exist for guests. */
    public void setDenyFiles(String value) {
        config.add(b -> b.denyFiles(value));
    }

    /** {@code anonymous.banner}: the 220 greeting, lines separated by line feeds. */
    public void setBanner(String value) {
        config.add(b -> b.banner(value));
    }

    /** {@code anonymous.bannerFile}: a text file of at most 4 KiB (relative to the home), read at start-up. */
    public void setBannerFile(String value) {
        config.add(b -> b.bannerFile(HomeDirectory.resolve("anonymous.bannerFile", value)));
    }

    /** {@code anonymous.dirMessage}: the name of directory message files, such as {@code .message}. */
    public void setDirMessage(String value) {
        config.add(b -> b.dirMessage(value));
    }

    /** {@code anonymous.loginMessageFile}: {@code 230-} lines from a file (relative to the home), read at start-up. */
    public void setLoginMessageFile(String value) {
        config.add(b -> b.loginMessageFile(HomeDirectory.resolve("anonymous.loginMessageFile", value)));
    }

    /** {@code anonymous.tls}: {@code optional} or {@code required} (guests must use AUTH TLS and PROT P). */
    public void setTls(String value) {
        config.add(b -> b.tls(value));
    }

    /** {@code anonymous.maxUploadSize}: bytes per uploaded file such as {@code 100MiB}, 0 = unlimited. */
    public void setMaxUploadSize(String value) {
        uploads.add(b -> b.maxUploadSize(value));
    }

    /** {@code anonymous.minFreeSpace}: free bytes the drop box's disk keeps, such as {@code 1GiB}; 0 or auto. */
    public void setMinFreeSpace(String value) {
        uploads.add(b -> b.minFreeSpace(value));
    }

    /** {@code anonymous.maxDropBoxSize}: bytes the drop box may hold, such as {@code 20GiB}, 0 = unlimited. */
    public void setMaxDropBoxSize(String value) {
        uploads.add(b -> b.maxDropBoxSize(value));
    }

    /** {@code anonymous.keepPartialUploads}: keep incomplete uploads under their hidden temporary name. */
    public void setKeepPartialUploads(String value) {
        uploads.add(b -> b.keepPartialUploads(Settings.parseBoolean("anonymous.keepPartialUploads", value)));
    }

    /** {@code anonymous.uploadNamePattern}: the regular expression whole file names must match. */
    public void setUploadNamePattern(String value) {
        uploads.add(b -> b.uploadNamePattern(value));
    }

    /** {@code anonymous.denyUploadNames}: refused file names as globs, comma-separated ({@code *.exe, *.php}). */
    public void setDenyUploadNames(String value) {
        uploads.add(b -> b.denyUploadNames(value));
    }

    /** {@code anonymous.uploadRename}: an existing name stores as {@code name.1}, {@code name.2}, … */
    public void setUploadRename(String value) {
        uploads.add(b -> b.uploadRename(Settings.parseBoolean("anonymous.uploadRename", value)));
    }

    /** {@code anonymous.uploadMode}: octal permission bits of stored files, such as {@code 0640}. */
    public void setUploadMode(String value) {
        uploads.add(b -> b.uploadMode(value));
    }

    /** {@code anonymous.uploadGroup}: the group stored files are given. */
    public void setUploadGroup(String value) {
        uploads.add(b -> b.uploadGroup(value));
    }

    /** {@code anonymous.onUpload}: the command run as {@code COMMAND PATH} after each stored upload. */
    public void setOnUpload(String value) {
        uploads.add(b -> b.onUpload(value));
    }

    /** {@code anonymous.onUploadTimeout}: how long the command may run, such as {@code 60s}. */
    public void setOnUploadTimeout(String value) {
        uploads.add(b -> b.onUploadTimeout(Settings.parseDuration("anonymous.onUploadTimeout", value)));
    }

    /** {@code anonymous.quarantineDirectory}: where rejected uploads go; relative to {@link HomeDirectory#base()}. */
    public void setQuarantineDirectory(String value) {
        uploads.add(b -> b.quarantineDirectory(HomeDirectory.resolve("anonymous.quarantineDirectory", value)));
    }

    /** The site's user manager for real accounts: a {@link UserManager} or a {@link UserManagerFactory}. */
    public void setDelegate(Object value) {
        delegate = value;
    }

    @Override
    public synchronized UserManager getObject() {
        if (userManager == null) {
            userManager = StartupErrors.logged(() -> {
                AnonymousConfig.Builder builder = AnonymousConfig.builder();
                for (Consumer<AnonymousConfig.Builder> setting : config) {
                    setting.accept(builder);
                }
                UploadConfig.Builder upload = UploadConfig.builder();
                for (Consumer<UploadConfig.Builder> setting : uploads) {
                    setting.accept(upload);
                }
                builder.uploads(upload.build());
                return new AnonymousUserManager(builder.build(), delegateUserManager());
            });
        }
        return userManager;
    }

    private UserManager delegateUserManager() {
        if (delegate != null && !(delegate instanceof UserManager) && !(delegate instanceof UserManagerFactory)) {
            throw Settings.invalid("anonymous.delegate", delegate.getClass().getName(),
                    "an org.apache.ftpserver.ftplet.UserManager"
                            + " or an org.apache.ftpserver.usermanager.UserManagerFactory");
        }
        if (delegate instanceof UserManagerFactory) {
            if (delegate instanceof PropertiesUserManagerFactory) {
                PropertiesUserManagerFactory properties = (PropertiesUserManagerFactory) delegate;
                properties.setFile(HomeDirectory.resolve(properties.getFile()));
            }
            return ((UserManagerFactory) delegate).createUserManager();
        }
        return (UserManager) delegate;
    }

    @Override
    public Class<?> getObjectType() {
        return UserManager.class;
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}

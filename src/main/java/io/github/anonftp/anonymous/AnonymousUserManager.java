package io.github.anonftp.anonymous;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.ftpserver.ftplet.Authentication;
import org.apache.ftpserver.ftplet.AuthenticationFailedException;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.usermanager.AnonymousAuthentication;
import org.apache.ftpserver.usermanager.UsernamePasswordAuthentication;
import org.apache.ftpserver.usermanager.impl.UserMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.anonftp.Settings;

/**
 * A {@link UserManager} that adds anonymous guest accounts to the site's own user manager.
 *
 * <p>Every guest name ({@link AnonymousConfig#names()}, any case) is the one guest account
 * {@link GuestUser}; every other name goes to the delegate, so the site's real users keep logging in
 * with their passwords. Without a delegate the server is anonymous-only. A delegate's own user named
 * like a guest is shadowed. Guest accounts cannot be saved or deleted.
 *
 * <p>FtpServer never hands the anonymous password to a user manager; the e-mail policy therefore runs
 * in {@code AnonFtplet}. Thread-safe if the delegate is.
 */
public final class AnonymousUserManager implements UserManager, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnonymousUserManager.class);

    private final AnonymousConfig config;
    private final UserManager delegate;
    private final GuestUser guest;
    private final DropBox dropBox;

    /** An anonymous-only user manager. */
    public AnonymousUserManager(AnonymousConfig config) {
        this(config, null);
    }

    /** Guests from {@code config}, everyone else from {@code delegate} (null: anonymous-only). */
    public AnonymousUserManager(AnonymousConfig config, UserManager delegate) {
        if (config == null) {
            throw new IllegalArgumentException("config is required");
        }
        if (delegate instanceof AnonymousUserManager) {
            throw new IllegalArgumentException("the delegate is already an AnonymousUserManager");
        }
        this.config = config;
        this.delegate = delegate;
        this.dropBox = config.hasDropBox() ? new DropBox(config, realUploadDirectory(config)) : null;
        this.guest = new GuestUser(config, null, dropBox);
        warnAboutShadowedUsers();
    }

    public AnonymousConfig config() {
        return config;
    }

    /** Whether only guests can log in (no delegate). */
    public boolean isAnonymousOnly() {
        return delegate == null;
    }

    public boolean isGuestName(String userName) {
        return config.isGuestName(userName);
    }

    @Override
    public User getUserByName(String userName) throws FtpException {
        if (isGuestName(userName)) {
            return guest;
        }
        return delegate == null ? null : delegate.getUserByName(userName);
    }

    @Override
    public String[] getAllUserNames() throws FtpException {
        Set<String> names = new LinkedHashSet<>();
        names.add(UserManager.ANONYMOUS);
        if (delegate != null) {
            for (String name : delegate.getAllUserNames()) {
                if (!isGuestName(name)) {
                    names.add(name);
                }
            }
        }
        return names.toArray(new String[0]);
    }

    @Override
    public void delete(String userName) throws FtpException {
        if (isGuestName(userName)) {
            throw new FtpException("The guest account cannot be deleted: " + UserManager.ANONYMOUS);
        }
        requireDelegate().delete(userName);
    }

    @Override
    public void save(User user) throws FtpException {
        if (user == null || isGuestName(user.getName())) {
            throw new FtpException("The guest account is configured by AnonymousConfig and cannot be saved");
        }
        requireDelegate().save(user);
    }

    @Override
    public boolean doesExist(String userName) throws FtpException {
        if (isGuestName(userName)) {
            return true;
        }
        return delegate != null && delegate.doesExist(userName);
    }

    @Override
    public User authenticate(Authentication authentication) throws AuthenticationFailedException {
        if (authentication instanceof AnonymousAuthentication) {
            return guestFor(((AnonymousAuthentication) authentication).getUserMetadata());
        }
        if (authentication instanceof UsernamePasswordAuthentication) {
            UsernamePasswordAuthentication login = (UsernamePasswordAuthentication) authentication;
            if (isGuestName(login.getUsername())) {
                return guestFor(login.getUserMetadata());
            }
        }
        if (delegate == null) {
            throw new AuthenticationFailedException("This server is anonymous only");
        }
        return delegate.authenticate(authentication);
    }

    private GuestUser guestFor(UserMetadata metadata) throws AuthenticationFailedException {
        if (!config.enabled()) {
            throw new AuthenticationFailedException("Anonymous login is disabled");
        }
        InetAddress address = metadata == null ? null : metadata.getInetAddress();
        return new GuestUser(config, address, dropBox);
    }

    private static Path realUploadDirectory(AnonymousConfig config) {
        try {
            return config.uploadDirectory().toRealPath();
        } catch (IOException e) {
            throw Settings.invalid("anonymous.uploadDirectory", config.uploadDirectory().toString(),
                    "an existing directory", e);
        }
    }

    /** The drop box (its total, its listeners), or null when guests have none. */
    public DropBox dropBox() {
        return dropBox;
    }

    /** Stops the drop box's upload hooks; FtpServer's stop reaches it through anonftp's ftplet. */
    @Override
    public void close() {
        if (dropBox != null) {
            dropBox.close();
        }
    }

    @Override
    public String getAdminName() throws FtpException {
        return delegate == null ? "" : delegate.getAdminName();
    }

    @Override
    public boolean isAdmin(String userName) throws FtpException {
        if (isGuestName(userName) || delegate == null) {
            return false;
        }
        try {
            return delegate.isAdmin(userName);
        } catch (RuntimeException e) {
            // AbstractUserManager.isAdmin throws NullPointerException when no admin name is configured.
            LOG.debug("Delegate user manager could not say whether {} is an administrator", userName, e);
            return false;
        }
    }

    private UserManager requireDelegate() throws FtpException {
        if (delegate == null) {
            throw new FtpException("This server is anonymous only: there is no user manager for real accounts");
        }
        return delegate;
    }

    private void warnAboutShadowedUsers() {
        if (delegate == null) {
            return;
        }
        try {
            for (String name : delegate.getAllUserNames()) {
                if (isGuestName(name)) {
                    LOG.info("The site's user '{}' is shadowed by the anonymous guest account", name);
                }
            }
        } catch (FtpException | RuntimeException e) {
            LOG.debug("Could not list the site's users to find names shadowed by guest names", e);
        }
    }

    @Override
    public String toString() {
        return "AnonymousUserManager[names=" + config.names() + ", delegate="
                + (delegate == null ? "none (anonymous only)" : delegate.getClass().getSimpleName()) + "]";
    }
}

package io.github.anonftp.anonymous;

import java.net.InetAddress;
import java.util.List;

import org.apache.ftpserver.ftplet.Authority;
import org.apache.ftpserver.ftplet.AuthorizationRequest;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginRequest;
import org.apache.ftpserver.usermanager.impl.TransferRateRequest;
import org.apache.ftpserver.usermanager.impl.WriteRequest;

/**
 * The guest account every anonymous name maps to. Its name is always {@code anonymous}, because
 * FtpServer counts anonymous sessions by the authenticated user's name, so aliases such as {@code ftp}
 * count as anonymous too.
 *
 * <p>It grants every concurrent-login request (anonftp counts guests itself: FtpServer's check would
 * refuse a user without a {@code ConcurrentLoginPermission}), grants writes only strictly below the drop
 * box by whole path segments (FtpServer's {@code WritePermission("/incoming")} would also grant
 * {@code /incomingX}), and gives each transfer the configured rate. Immutable and thread-safe.
 */
public final class GuestUser implements User {

    private final AnonymousConfig config;
    private final InetAddress clientAddress;
    private final DropBox dropBox;

    GuestUser(AnonymousConfig config, InetAddress clientAddress) {
        this(config, clientAddress, null);
    }

    GuestUser(AnonymousConfig config, InetAddress clientAddress, DropBox dropBox) {
        this.config = config;
        this.clientAddress = clientAddress;
        this.dropBox = dropBox;
    }

    /** The drop box guests upload to, or null when there is none. */
    DropBox dropBox() {
        return dropBox;
    }

    /** The client address this guest logged in from, or null before login. */
    public InetAddress clientAddress() {
        return clientAddress;
    }

    public AnonymousConfig config() {
        return config;
    }

    @Override
    public String getName() {
        return UserManager.ANONYMOUS;
    }

    @Override
    public String getPassword() {
        return null;
    }

    @Override
    public List<? extends Authority> getAuthorities() {
        return List.of();
    }

    @Override
    public List<? extends Authority> getAuthorities(Class<? extends Authority> type) {
        return List.of();
    }

    @Override
    public AuthorizationRequest authorize(AuthorizationRequest request) {
        if (request instanceof ConcurrentLoginRequest) {
            return request;
        }
        if (request instanceof WriteRequest) {
            String path = ((WriteRequest) request).getFile();
            return config.hasDropBox() && path != null && GuestPaths.isBelow(path, config.uploadPath())
                    ? request : null;
        }
        if (request instanceof TransferRateRequest) {
            TransferRateRequest rates = (TransferRateRequest) request;
            rates.setMaxDownloadRate((int) config.maxDownloadRate());
            rates.setMaxUploadRate((int) config.maxUploadRate());
            return rates;
        }
        return null;
    }

    @Override
    public int getMaxIdleTime() {
        return (int) config.idleTimeout().toSeconds();
    }

    @Override
    public boolean getEnabled() {
        return config.enabled();
    }

    @Override
    public String getHomeDirectory() {
        return config.homeDirectory().toString();
    }

    @Override
    public String toString() {
        return "GuestUser[anonymous]";
    }
}

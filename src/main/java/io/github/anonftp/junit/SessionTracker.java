package io.github.anonftp.junit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.ftplet.FtpletContext;
import org.apache.ftpserver.ftplet.FtpletResult;

/**
 * Knows which client ends (address and port) have a session on the test server, so that after a test the
 * extension can wait until the server has ended the sessions of the clients it closed: otherwise, with a limit
 * such as {@code maxSessionsPerClient(2)} set back, the next test of a class could be refused because the server
 * had not yet seen the previous test's clients go. Installed after anonftp's ftplet, so a session it sees end
 * has already released its limits.
 */
final class SessionTracker implements Ftplet {

    static final String NAME = "anonftp-junit";

    private final Set<InetSocketAddress> open = new HashSet<>();

    @Override
    public void init(FtpletContext context) {
        // nothing to set up
    }

    @Override
    public void destroy() {
        // nothing to release
    }

    @Override
    public FtpletResult onConnect(FtpSession session) {
        InetSocketAddress client = session.getClientAddress();
        if (client != null) {
            synchronized (this) {
                open.add(client);
            }
        }
        return FtpletResult.DEFAULT;
    }

    @Override
    public FtpletResult onDisconnect(FtpSession session) {
        InetSocketAddress client = session.getClientAddress();
        if (client != null) {
            synchronized (this) {
                open.remove(client);
                notifyAll();
            }
        }
        return FtpletResult.DEFAULT;
    }

    @Override
    public FtpletResult beforeCommand(FtpSession session, FtpRequest request) {
        return FtpletResult.DEFAULT;
    }

    @Override
    public FtpletResult afterCommand(FtpSession session, FtpRequest request,
            FtpReply reply) {
        return FtpletResult.DEFAULT;
    }

    /** Waits, at most {@code timeout}, until none of {@code clients} has a session; true if none has. */
    synchronized boolean awaitEnded(Collection<InetSocketAddress> clients, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (clients.stream().anyMatch(open::contains)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}

package io.github.anonftp.transfer;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.github.anonftp.Settings;
import io.github.anonftp.ratelimit.ClientKey;

/**
 * The bandwidth caps shared by a listener's transfers: server-wide download and upload rates, and one
 * bucket per client key (an IPv4 address or an IPv6 prefix) for the per-client rates, created when the
 * client's first capped transfer starts and dropped when its last one ends (so at most one per running
 * transfer). Rates are bytes per second, 0 = unlimited. Thread-safe.
 *
 * <p>Why transfers wait on their worker thread: FtpServer runs RETR and STOR on a worker and answers
 * {@code 226} when the data connection returns, so a transfer holds its worker for its whole length
 * whatever the pacing does; non-blocking pacing would free nothing. What matters is how it waits: in one
 * park per slice of about 10 ms at the strictest rate (see {@link RateBucket}), in turn with the other
 * transfers of the same bucket, instead of FtpServer's 50 ms sleeps on an average that lets a transfer
 * burst after a stall.
 */
public final class Bandwidth {

    /** Upper bound of a rate: 1 TiB per second. */
    public static final long MAX_RATE = 1L << 40;
    /** No caps: transfers run at full speed unless the user has a per-transfer rate. */
    public static final Bandwidth UNLIMITED = new Bandwidth(0, 0, 64);

    private final RateBucket serverDownload;
    private final RateBucket serverUpload;
    private final int ipv6PrefixLength;
    private final ConcurrentMap<Key, Shared> clients = new ConcurrentHashMap<>();

    /**
     * @param maxDownloadRate all downloads together, bytes per second, 0 = unlimited
     * @param maxUploadRate all uploads together, bytes per second, 0 = unlimited
     * @param ipv6PrefixLength the IPv6 network that counts as one client (1..128)
     */
    public Bandwidth(long maxDownloadRate, long maxUploadRate, int ipv6PrefixLength) {
        Settings.checkRange("server.maxDownloadRate", maxDownloadRate, 0, MAX_RATE, "bytes per second, 0 = unlimited");
        Settings.checkRange("server.maxUploadRate", maxUploadRate, 0, MAX_RATE, "bytes per second, 0 = unlimited");
        Settings.checkRange("rateLimit.ipv6PrefixLength", ipv6PrefixLength, 1, 128);
        this.serverDownload = maxDownloadRate == 0 ? null : new RateBucket(maxDownloadRate);
        this.serverUpload = maxUploadRate == 0 ? null : new RateBucket(maxUploadRate);
        this.ipv6PrefixLength = ipv6PrefixLength;
    }

    /** The server-wide download cap, bytes per second, 0 = unlimited. */
    public long maxDownloadRate() {
        return serverDownload == null ? 0 : serverDownload.bytesPerSecond();
    }

    /** The server-wide upload cap, bytes per second, 0 = unlimited. */
    public long maxUploadRate() {
        return serverUpload == null ? 0 : serverUpload.bytesPerSecond();
    }

    /** Client buckets in use now (for tests and monitoring). */
    int clientBuckets() {
        return clients.size();
    }

    /**
     * The pacing of one transfer; {@link Grant#close()} it when the transfer ends.
     *
     * @param transferRate this transfer's own cap (FtpServer's {@code TransferRatePermission}), 0 = none
     * @param clientRate the cap of all this client's transfers in this direction, 0 = none
     */
    Grant open(boolean upload, InetAddress client, long transferRate, long clientRate) {
        List<RateBucket> chain = new ArrayList<>(3);
        if (transferRate > 0) {
            chain.add(new RateBucket(transferRate));
        }
        Key key = null;
        if (clientRate > 0 && client != null) {
            key = new Key(ClientKey.of(client, 32, ipv6PrefixLength), upload, clientRate);
            chain.add(clients.compute(key, (k, shared) -> shared == null ? new Shared(k.rate) : shared.join()).bucket);
        }
        RateBucket server = upload ? serverUpload : serverDownload;
        if (server != null) {
            chain.add(server);
        }
        return new Grant(chain.isEmpty() ? Pacer.UNLIMITED : new Pacer(chain), key);
    }

    /** One transfer's pacing, and its hold on its client's bucket. */
    final class Grant implements AutoCloseable {
        private final Pacer pacer;
        private Key key;

        private Grant(Pacer pacer, Key key) {
            this.pacer = pacer;
            this.key = key;
        }

        Pacer pacer() {
            return pacer;
        }

        @Override
        public void close() {
            if (key != null) {
                clients.computeIfPresent(key, (k, shared) -> shared.leave());
                key = null;
            }
        }
    }

    /** A client and direction; the rate is part of the key so a changed configuration gets a new bucket. */
    private record Key(ClientKey client, boolean upload, long rate) {
    }

    private static final class Shared {
        final RateBucket bucket;
        int transfers = 1; // changed only inside the map's compute for this key

        Shared(long rate) {
            bucket = new RateBucket(rate);
        }

        Shared join() {
            transfers++;
            return this;
        }

        Shared leave() {
            return --transfers == 0 ? null : this;
        }
    }
}

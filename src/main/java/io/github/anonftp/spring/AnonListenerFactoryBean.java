package io.github.anonftp.spring;

import org.apache.ftpserver.DataConnectionConfigurationFactory;
import org.apache.ftpserver.ipfilter.SessionFilter;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.springframework.beans.factory.FactoryBean;

import io.github.anonftp.Settings;
import io.github.anonftp.ftpserver.ClientSessionFilter;
import io.github.anonftp.ftpserver.TlsKeystore;
import io.github.anonftp.transfer.Bandwidth;

/**
 * Makes FtpServer's listener with anonftp's {@link ClientSessionFilter} (integration level 2: exact 331/230
 * texts for every guest name, TCP_NODELAY, {@code 500} for over-long lines, FtpServer's protocol log with the
 * password masked), for FtpServer's {@code <listener name="default">} element. FtpServer's own idiom: it is a
 * {@link ListenerFactory}, so {@code port}, {@code serverAddress}, {@code idleTimeout} (seconds) and
 * {@code sslConfiguration} are its properties; a {@code sessionFilter} given (such as a {@code RemoteIpFilter})
 * still decides first. The data connections are configured by {@code passivePorts},
 * {@code passiveExternalAddress} and {@code dataConnectionIpCheck} only; the server-wide caps
 * {@code maxDownloadRate} and {@code maxUploadRate} apply to all of this listener's transfers.
 *
 * <p>With this listener, the ftplet maps the client IP in FtpServer's log context ({@code %X{remoteIp}}) under
 * the access log's IP privacy.
 */
public class AnonListenerFactoryBean extends ListenerFactory implements FactoryBean<Listener> {

    private String passivePorts = "30000-30099";
    private String passiveExternalAddress;
    private boolean dataConnectionIpCheck = true;
    private SessionFilter siteFilter;
    private long maxDownloadRate;
    private long maxUploadRate;
    private int ipv6PrefixLength = 64;
    private String tlsKeystore;
    private String tlsKeystorePasswordFile;
    private boolean protocolLog = true;
    private Listener listener;

    public AnonListenerFactoryBean() {
    }

    /** Passive data ports, FtpServer syntax ({@code 30000-30099}, {@code 2300,2400-2410}). Default 30000-30099. */
    public void setPassivePorts(String value) {
        passivePorts = value;
    }

    /** The address announced in PASV replies (behind NAT); default the control connection's. */
    public void setPassiveExternalAddress(String value) {
        passiveExternalAddress = value;
    }

    /**
     * Whether data connections must come from and go to the client's own address (RFC 2577 §3: no PORT bounce,
     * no stolen passive connection). Default true.
     */
    public void setDataConnectionIpCheck(boolean value) {
        dataConnectionIpCheck = value;
    }

    /** {@code server.maxDownloadRate}: bytes per second such as {@code 100MiB} for all downloads, 0 = unlimited. */
    public void setMaxDownloadRate(String value) {
        maxDownloadRate = Settings.parseSize("server.maxDownloadRate", value);
    }

    /** {@code server.maxUploadRate}: bytes per second for all uploads together, 0 = unlimited. */
    public void setMaxUploadRate(String value) {
        maxUploadRate = Settings.parseSize("server.maxUploadRate", value);
    }

    /**
     * {@code rateLimit.ipv6PrefixLength} for the per-client rates: the IPv6 network that counts as one client.
     * Default 64; set it like the rate limiter's.
     */
    public void setIpv6PrefixLength(int value) {
        ipv6PrefixLength = value;
    }

    /**
     * {@code server.tlsKeystore}: a PKCS12 or JKS keystore (relative to the home) that turns on explicit
     * {@code AUTH TLS}, instead of FtpServer's {@code sslConfiguration}; needs {@code tlsKeystorePasswordFile}.
     */
    public void setTlsKeystore(String value) {
        tlsKeystore = value;
    }

    /** {@code server.tlsKeystorePasswordFile}: the file (relative to the home) whose first line is the password. */
    public void setTlsKeystorePasswordFile(String value) {
        tlsKeystorePasswordFile = value;
    }

    /**
     * Whether sessions log every command and reply (passwords masked) at INFO on the logger
     * {@code org.apache.ftpserver.listener.nio.FtpLoggingFilter}. Default true; false: no protocol log at all.
     */
    public void setProtocolLog(boolean value) {
        protocolLog = value;
    }

    /** A site's own filter, consulted before anonftp's; it may refuse a connection. */
    @Override
    public void setSessionFilter(SessionFilter value) {
        siteFilter = value;
    }

    @Override
    public synchronized Listener getObject() {
        if (listener == null) {
            DataConnectionConfigurationFactory data = new DataConnectionConfigurationFactory();
            data.setActiveIpCheck(dataConnectionIpCheck);
            data.setPassiveIpCheck(dataConnectionIpCheck);
            data.setPassivePorts(passivePorts);
            if (passiveExternalAddress != null) {
                data.setPassiveExternalAddress(passiveExternalAddress);
            }
            setDataConnectionConfiguration(data.createDataConnectionConfiguration());
            super.setSessionFilter(new ClientSessionFilter(siteFilter, protocolLog,
                    new Bandwidth(maxDownloadRate, maxUploadRate, ipv6PrefixLength)));
            if (tlsKeystore != null || tlsKeystorePasswordFile != null) {
                if (getSslConfiguration() != null) {
                    StartupErrors.logged(() -> {
                        throw Settings.invalid("server.tlsKeystore", String.valueOf(tlsKeystore),
                                "either tlsKeystore with tlsKeystorePasswordFile or FtpServer's sslConfiguration,"
                                        + " not both");
                    });
                }
                setSslConfiguration(StartupErrors.logged(() -> TlsKeystore.load(
                        HomeDirectory.resolve("server.tlsKeystore", Settings.required("server.tlsKeystore",
                                tlsKeystore)),
                        HomeDirectory.resolve("server.tlsKeystorePasswordFile",
                                Settings.required("server.tlsKeystorePasswordFile", tlsKeystorePasswordFile)))));
                setImplicitSsl(false);
            }
            listener = createListener();
        }
        return listener;
    }

    @Override
    public Class<?> getObjectType() {
        return Listener.class;
    }

    @Override
    public boolean isSingleton() {
        return true;
    }
}

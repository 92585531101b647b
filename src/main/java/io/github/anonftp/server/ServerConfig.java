package io.github.anonftp.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import io.github.anonftp.Settings;

/** The checked server settings. */
record ServerConfig(String bind, int port, String passivePorts, String passiveAddress,
        boolean dataConnectionIpCheck, Duration idleTimeout, int maxLogins, int maxThreads, long maxDownloadRate,
        long maxUploadRate) {

    /** Upper bound of the server-wide rates: 1 TiB per second. */
    static final long MAX_RATE = 1L << 40;

    ServerConfig(AnonFtpServer.Builder b) {
        this(b.bind, b.port, b.passivePorts, b.passiveAddress, b.dataConnectionIpCheck, b.idleTimeout,
                b.maxLogins, b.maxThreads, b.maxDownloadRate, b.maxUploadRate);
    }

    ServerConfig {
        checkAddress("server.bind", bind);
        Settings.checkRange("server.port", port, 0, 65535, "0 = an ephemeral port");
        checkPassivePorts(passivePorts);
        if (passiveAddress != null) {
            checkAddress("server.passiveAddress", passiveAddress);
        }
        Settings.checkRange("server.idleTimeout", idleTimeout, Duration.ofSeconds(1), Duration.ofDays(1));
        Settings.checkRange("server.maxLogins", maxLogins, 1, 1_000_000);
        Settings.checkRange("server.maxThreads", maxThreads, 2, 10_000);
        Settings.checkRange("server.maxDownloadRate", maxDownloadRate, 0, MAX_RATE, "bytes per second, 0 = unlimited");
        Settings.checkRange("server.maxUploadRate", maxUploadRate, 0, MAX_RATE, "bytes per second, 0 = unlimited");
    }

    private static void checkAddress(String setting, String address) {
        Settings.required(setting, address);
        try {
            InetAddress.getByName(address);
        } catch (UnknownHostException | SecurityException e) {
            throw Settings.invalid(setting, address, "an IP address or a resolvable host name", e);
        }
    }

    /** FtpServer's syntax, checked strictly: its own parser accepts oddities such as {@code 1-2-3}. */
    private static void checkPassivePorts(String ports) {
        String expected = "ports or ranges such as 30000-30099 or 2300,2400-2410, each 1..65535";
        Settings.required("server.passivePorts", ports);
        if (ports.isBlank()) {
            throw Settings.invalid("server.passivePorts", ports, expected);
        }
        for (String item : ports.split(",", -1)) {
            String[] bounds = item.strip().split("-", -1);
            if (bounds.length > 2 || !isPort(bounds[0])
                    || bounds.length == 2 && !bounds[1].isEmpty() && !isPort(bounds[1])
                    || bounds.length == 2 && !bounds[1].isEmpty()
                            && Integer.parseInt(bounds[0]) > Integer.parseInt(bounds[1])) {
                throw Settings.invalid("server.passivePorts", ports, expected);
            }
        }
    }

    private static boolean isPort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int port = Integer.parseInt(text);
        return port >= 1 && port <= 65535;
    }
}

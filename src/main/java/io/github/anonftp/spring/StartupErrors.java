package io.github.anonftp.spring;

import java.util.function.Supplier;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a configuration mistake as one ERROR line before Spring buries it in a nested stack trace:
 * FtpServer's {@code bin/ftpd.sh} prints the whole trace, with anonftp's message some thirty lines down.
 */
final class StartupErrors {

    private static final Logger LOG = LoggerFactory.getLogger("io.github.anonftp.spring");

    private StartupErrors() {
    }

    static <T> T logged(Supplier<T> creation) {
        try {
            return creation.get();
        } catch (FtpServerConfigurationException e) {
            LOG.error("anonftp configuration error: {}", e.getMessage());
            throw e;
        }
    }
}

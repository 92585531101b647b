package io.github.anonftp.server;

import java.nio.file.Path;

import org.apache.ftpserver.ssl.SslConfiguration;

import io.github.anonftp.Settings;
import io.github.anonftp.anonymous.AnonymousConfig;
import io.github.anonftp.anonymous.AnonymousTls;
import io.github.anonftp.ftpserver.TlsKeystore;

/** The embedded server's TLS settings, checked together before anything is opened. */
final class ServerTls {

    private ServerTls() {
    }

    /**
     * The listener's TLS, or null for none. Fails on a password without a keystore, a keystore without a password,
     * and {@link AnonymousTls#REQUIRED} without a keystore (guests could never log in).
     */
    static SslConfiguration of(Path keystore, Path passwordFile, String password, AnonymousConfig anonymous) {
        if (keystore == null) {
            if (password != null || passwordFile != null) {
                throw Settings.invalid("server.tlsKeystorePasswordFile", "a password",
                        "a password together with server.tlsKeystore (no keystore was given)");
            }
            if (anonymous.tls() == AnonymousTls.REQUIRED) {
                throw Settings.invalid("anonymous.tls", "REQUIRED",
                        "OPTIONAL without TLS; set server.tlsKeystore and server.tlsKeystorePasswordFile for REQUIRED");
            }
            return null;
        }
        if (passwordFile != null) {
            return TlsKeystore.load(keystore, passwordFile);
        }
        if (password == null) {
            throw Settings.invalid("server.tlsKeystorePasswordFile", "none",
                    "the file holding the password of server.tlsKeystore " + keystore);
        }
        return TlsKeystore.load(keystore, password);
    }
}

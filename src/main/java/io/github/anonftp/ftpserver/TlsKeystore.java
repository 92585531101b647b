package io.github.anonftp.ftpserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.apache.ftpserver.ssl.SslConfiguration;
import org.apache.ftpserver.ssl.SslConfigurationFactory;

import io.github.anonftp.Settings;

/**
 * The listener's TLS for explicit {@code AUTH TLS} (RFC 4217), from a PKCS12 or JKS keystore whose password is
 * read from a file (its first line, surrounding white space removed). The keystore is opened at start-up, so a
 * missing file, a wrong password or a keystore without a private key fails there, naming the setting
 * ({@code server.tlsKeystore}, {@code server.tlsKeystorePasswordFile}). TLS 1.2 and 1.3; the key's password is the
 * keystore's, as {@code keytool} makes it.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4217">RFC 4217: Securing FTP with TLS</a>
 */
public final class TlsKeystore {

    private static final String KEYSTORE = "server.tlsKeystore";
    private static final String PASSWORD_FILE = "server.tlsKeystorePasswordFile";

    private TlsKeystore() {
    }

    /** FtpServer's {@code SslConfiguration} for {@code keystore}, whose password is the first line of the file. */
    public static SslConfiguration load(Path keystore, Path passwordFile) {
        Settings.required(KEYSTORE, keystore);
        Settings.required(PASSWORD_FILE, passwordFile);
        checkReadable(keystore);
        return load(keystore, readPassword(passwordFile));
    }

    /** As {@link #load(Path, Path)} with the password itself. */
    public static SslConfiguration load(Path keystore, String password) {
        Settings.required(KEYSTORE, keystore);
        Settings.required(PASSWORD_FILE, password);
        checkReadable(keystore);
        KeyStore store;
        try {
            store = KeyStore.getInstance(keystore.toFile(), password.toCharArray()); // detects PKCS12 or JKS
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new FtpServerConfigurationException(PASSWORD_FILE + ": the password does not open \""
                        + keystore + "\"; expected the keystore's password", e);
            }
            throw new FtpServerConfigurationException(KEYSTORE + ": \"" + keystore + "\" cannot be read ("
                    + e.getMessage() + "); expected " + EXPECTED, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new FtpServerConfigurationException(KEYSTORE + ": \"" + keystore + "\" is not a keystore ("
                    + e.getMessage() + "); expected " + EXPECTED, e);
        }
        checkHasKey(keystore, store, password, EXPECTED);
        SslConfigurationFactory ssl = new SslConfigurationFactory();
        ssl.setKeystoreFile(keystore.toFile());
        ssl.setKeystorePassword(password);
        ssl.setKeystoreType(store.getType());
        ssl.setKeyPassword(password);
        ssl.setSslProtocol("TLSv1.2", "TLSv1.3");
        try {
            return ssl.createSslConfiguration();
        } catch (RuntimeException e) {
            throw new FtpServerConfigurationException(KEYSTORE + ": \"" + keystore + "\" cannot be used for TLS ("
                    + e.getMessage() + "); expected " + EXPECTED, e);
        }
    }

    private static final String EXPECTED = "a readable PKCS12 or JKS keystore holding the server's private key and"
            + " certificate";

    private static void checkReadable(Path keystore) {
        if (!Files.isRegularFile(keystore) || !Files.isReadable(keystore)) {
            throw new FtpServerConfigurationException(KEYSTORE + ": \"" + keystore
                    + "\" is not a readable file; expected " + EXPECTED);
        }
    }

    private static void checkHasKey(Path keystore, KeyStore store, String password, String expected) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    store.getKey(alias, password.toCharArray()); // the key password must be the keystore's
                    return;
                }
            }
        } catch (UnrecoverableKeyException e) {
            throw new FtpServerConfigurationException(KEYSTORE + ": the private key in \"" + keystore
                    + "\" has another password than the keystore; expected one password for both", e);
        } catch (GeneralSecurityException e) {
            throw new FtpServerConfigurationException(KEYSTORE + ": \"" + keystore + "\" cannot be read ("
                    + e.getMessage() + "); expected " + expected, e);
        }
        throw new FtpServerConfigurationException(KEYSTORE + ": \"" + keystore
                + "\" holds no private key; expected " + expected);
    }

    private static String readPassword(Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int newline = content.indexOf('\n');
            String password = (newline < 0 ? content : content.substring(0, newline)).strip();
            if (password.isEmpty()) {
                throw new FtpServerConfigurationException(PASSWORD_FILE + ": \"" + file
                        + "\" holds no password; expected a file whose first line is the keystore's password");
            }
            return password;
        } catch (IOException | SecurityException e) {
            throw new FtpServerConfigurationException(PASSWORD_FILE + ": \"" + file
                    + "\" cannot be read; expected a readable file whose first line is the keystore's password", e);
        }
    }
}

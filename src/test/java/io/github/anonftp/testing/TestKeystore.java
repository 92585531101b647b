package io.github.anonftp.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A self-signed EC certificate for {@code localhost} and 127.0.0.1, made by the JDK's {@code keytool}. */
public final class TestKeystore {

    public static final String PASSWORD = "test-keystore-secret";

    private TestKeystore() {
    }

    /** Writes a PKCS12 keystore to {@code keystore} (password {@link #PASSWORD}, key password the same). */
    public static Path create(Path keystore) throws IOException, InterruptedException {
        return create(keystore, "PKCS12");
    }

    /** Writes a keystore of {@code type} ({@code PKCS12} or {@code JKS}) to {@code keystore}. */
    public static Path create(Path keystore, String type) throws IOException, InterruptedException {
        Files.createDirectories(keystore.toAbsolutePath().getParent());
        ExternalProgram.Result made = ExternalProgram.run(keystore.toAbsolutePath().getParent(), "", "keytool",
                "-genkeypair", "-alias", "anonftp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", type,
                "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
        if (made.exitCode() != 0) {
            throw new IOException("keytool failed: " + made.output());
        }
        return keystore;
    }

    /** Writes {@link #PASSWORD} as the first line of {@code file}. */
    public static Path passwordFile(Path file) throws IOException {
        return Files.writeString(file, PASSWORD + "\n");
    }
}

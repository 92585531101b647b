package io.github.anonftp.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.apache.ftpserver.FtpServerConfigurationException;
import org.apache.ftpserver.listener.Listener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.ftpserver.TlsKeystore;
import io.github.anonftp.testing.TestKeystore;

/** {@code AnonListenerFactoryBean}'s TLS properties, as Spring sets them. */
class ListenerTlsTest {

    @TempDir
    Path dir;

    @Test
    void theKeystorePropertiesGiveTheListenerExplicitTls() throws Exception {
        AnonListenerFactoryBean bean = new AnonListenerFactoryBean();
        bean.setTlsKeystore(TestKeystore.create(dir.resolve("server.p12")).toString());
        bean.setTlsKeystorePasswordFile(TestKeystore.passwordFile(dir.resolve("password")).toString());
        Listener listener = bean.getObject();
        assertThat(listener.getSslConfiguration()).isNotNull();
        assertThat(listener.isImplicitSsl()).isFalse();
    }

    @Test
    void aKeystoreWithoutItsPasswordFileNamesTheMissingSetting() throws Exception {
        AnonListenerFactoryBean bean = new AnonListenerFactoryBean();
        bean.setTlsKeystore(TestKeystore.create(dir.resolve("server.p12")).toString());
        assertThatThrownBy(bean::getObject).isInstanceOf(FtpServerConfigurationException.class)
                .hasMessageStartingWith("server.tlsKeystorePasswordFile: no value given");
    }

    @Test
    void theKeystoreAndFtpServersSslConfigurationExcludeEachOther() throws Exception {
        Path keystore = TestKeystore.create(dir.resolve("server.p12"));
        Path password = TestKeystore.passwordFile(dir.resolve("password"));
        AnonListenerFactoryBean bean = new AnonListenerFactoryBean();
        bean.setSslConfiguration(TlsKeystore.load(keystore, password));
        bean.setTlsKeystore(keystore.toString());
        bean.setTlsKeystorePasswordFile(password.toString());
        assertThatThrownBy(bean::getObject).isInstanceOf(FtpServerConfigurationException.class)
                .hasMessage("server.tlsKeystore: \"" + keystore + "\" is not valid; expected either tlsKeystore with"
                        + " tlsKeystorePasswordFile or FtpServer's sslConfiguration, not both");
    }
}

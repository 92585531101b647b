package io.github.anonftp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.apache.commons.net.ftp.FTPClient;
import org.apache.mina.core.session.IoSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.anonftp.testing.TestArchive;

/** {@code protocolLog} on {@code AnonListenerFactoryBean}: anonftp's masking protocol logger, or none at all. */
class ProtocolLogXmlTest {

    private static final String PORT = "<beans:property name=\"port\" value=\"0\"/>";

    @TempDir
    Path home;

    @Test
    void theSampleListenerLogsTheProtocolThroughAnonftpsLogger() throws Exception {
        try (XmlSample sample = XmlSample.copy("public-archive.xml", home)) {
            assertThat(protocolLoggers(sample)).containsExactly("ProtocolLogFilter");
        }
    }

    @Test
    void protocolLogFalseLeavesTheSessionsWithoutAProtocolLogger() throws Exception {
        try (XmlSample sample = XmlSample.copy("public-archive.xml", home)
                .edit(PORT, PORT + "<beans:property name=\"protocolLog\" value=\"false\"/>")) {
            assertThat(protocolLoggers(sample)).containsExactly("none");
        }
    }

    private static List<String> protocolLoggers(XmlSample sample) throws Exception {
        FTPClient client = TestArchive.connect(sample.start());
        try {
            return sample.factory().getListener("default").getActiveSessions().stream().map(IoSession.class::cast)
                    .map(session -> session.getFilterChain().get("logger"))
                    .map(filter -> filter == null ? "none" : filter.getClass().getSimpleName()).toList();
        } finally {
            TestArchive.quietly(client);
        }
    }
}

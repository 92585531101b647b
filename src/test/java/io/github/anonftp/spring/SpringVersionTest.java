package io.github.anonftp.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.core.SpringVersion;

/** Shows which Spring the XML tests ran on: 6.x by default, 5.3 in the build's second Surefire execution. */
class SpringVersionTest {

    @Test
    void theXmlTestsRunOnTheExpectedSpring() {
        assertThat(SpringVersion.getVersion()).startsWith(System.getProperty("anonftp.expectedSpring", "6."));
    }
}

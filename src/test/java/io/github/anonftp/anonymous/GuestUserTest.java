package io.github.anonftp.anonymous;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.ftpserver.usermanager.impl.ConcurrentLoginRequest;
import org.apache.ftpserver.usermanager.impl.TransferRateRequest;
import org.apache.ftpserver.usermanager.impl.WriteRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestUserTest {

    @TempDir
    Path root;

    GuestUser guest(boolean dropBox) throws Exception {
        AnonymousConfig.Builder config = AnonymousConfig.builder().homeDirectory(root)
                .maxDownloadRate(20_000).maxUploadRate(5_000);
        if (dropBox) {
            config.uploadDirectory(Files.createDirectories(root.resolveSibling(root.getFileName() + "-up")));
        }
        return new GuestUser(config.build(), null);
    }

    @Test
    void everyGuestNameIsTheAnonymousAccountSoFtpServerCountsItAsAnonymous() throws Exception {
        assertThat(guest(false).getName()).isEqualTo("anonymous");
    }

    @Test
    void concurrentLoginsAreGrantedBecauseAnonftpCountsGuestsItself() throws Exception {
        assertThat(guest(false).authorize(new ConcurrentLoginRequest(10_000, 10_000))).isNotNull();
    }

    @Test
    void writesAreGrantedOnlyStrictlyBelowTheDropBoxBySegment() throws Exception {
        GuestUser guest = guest(true);
        assertThat(guest.authorize(new WriteRequest("/incoming/a.txt"))).isNotNull();
        assertThat(guest.authorize(new WriteRequest("/incoming"))).isNull();
        assertThat(guest.authorize(new WriteRequest("/incomingX.txt"))).isNull();
        assertThat(guest.authorize(new WriteRequest("/pub/a.txt"))).isNull();
        assertThat(guest(false).authorize(new WriteRequest("/incoming/a.txt"))).isNull();
    }

    @Test
    void eachTransferGetsTheConfiguredRates() throws Exception {
        TransferRateRequest rates = (TransferRateRequest) guest(false).authorize(new TransferRateRequest());
        assertThat(rates.getMaxDownloadRate()).isEqualTo(20_000);
        assertThat(rates.getMaxUploadRate()).isEqualTo(5_000);
    }

    @Test
    void idleTimeoutIsGivenInSeconds() throws Exception {
        assertThat(guest(false).getMaxIdleTime()).isEqualTo(300);
    }
}

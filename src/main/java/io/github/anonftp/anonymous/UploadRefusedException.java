package io.github.anonftp.anonymous;

import java.io.IOException;

/** An upload the drop box stopped or refused; FtpServer answers it as a failed transfer. */
final class UploadRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final UploadRefusal refusal;

    UploadRefusedException(UploadRefusal refusal, String path) {
        super("Upload to " + path + " refused: " + refusal.token());
        this.refusal = refusal;
    }

    UploadRefusal refusal() {
        return refusal;
    }
}

package io.github.anonftp.ratelimit;

import java.time.Duration;

/**
 * A client's upload quotas at one moment ({@code rateLimit.uploadQuotaPerClient},
 * {@code rateLimit.uploadFilesPerClient}).
 *
 * @param refusal    {@link Refusal#UPLOAD_QUOTA} or {@link Refusal#UPLOAD_FILES} when a quota is spent, else null
 * @param retryAfter when the spent quota's period ends (zero when none is spent)
 * @param bytesLeft  bytes the client may still upload in the period ({@link Long#MAX_VALUE} without a quota)
 * @param filesLeft  uploads the client may still start in the period ({@link Long#MAX_VALUE} without a quota)
 */
public record UploadAllowance(Refusal refusal, Duration retryAfter, long bytesLeft, long filesLeft) {

    /** No quota applies. */
    public static final UploadAllowance UNLIMITED = new UploadAllowance(null, Duration.ZERO, Long.MAX_VALUE,
            Long.MAX_VALUE);

    public boolean isAllowed() {
        return refusal == null;
    }
}

package io.github.anonftp.anonymous;

import java.nio.file.Path;

/**
 * An upload that completed and was renamed into place, as {@link UploadListener}s and the
 * {@code anonymous.onUpload} command see it.
 *
 * @param path   the guest path it was stored under ({@code /incoming/report.txt.1} after an auto-rename)
 * @param file   the file on disk
 * @param size   its size in bytes
 * @param client the client's address as the access log shows it (after {@code accessLog.ipPrivacy})
 * @param email  the guest's e-mail password as the access log shows it (after {@code accessLog.addressPrivacy}),
 *               empty when unknown or dropped
 */
public record Upload(String path, Path file, long size, String client, String email) {
}

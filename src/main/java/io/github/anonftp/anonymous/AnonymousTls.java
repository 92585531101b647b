package io.github.anonftp.anonymous;

/**
 * Whether guests must encrypt (RFC 4217 explicit {@code AUTH TLS}), as vsftpd's {@code force_anon_logins_ssl}
 * and {@code force_anon_data_ssl}. Only meaningful when the listener has TLS configured.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc4217">RFC 4217: Securing FTP with TLS</a>
 */
public enum AnonymousTls {
    /** Guests may log in on a plain or an encrypted control connection (the default). */
    OPTIONAL,
    /**
     * A guest's {@code USER} on a plain control connection is refused with {@code 530}, and a guest's data
     * transfers and listings need {@code PROT P}.
     */
    REQUIRED
}

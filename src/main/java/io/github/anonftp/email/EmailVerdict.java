package io.github.anonftp.email;

import java.util.Locale;
import java.util.Objects;

/**
 * The result of {@link EmailPolicy#check(String)}: a kind, a stable reason token and the normalised address.
 * Immutable.
 *
 * <p>{@code address} is the password with surrounding spaces and tabs and one leading {@code -} removed and the
 * domain (the text after the last {@code @}) lower-cased. It is never null; it is empty when the password was
 * empty or {@code too-long}. It is <em>not</em> sanitised: a rejected address may hold control characters, so
 * escape it before logging.
 *
 * <p>Reason tokens are lower-case and stable (scripts and log filters may rely on them):
 * <table>
 * <caption>Reason tokens</caption>
 * <tr><th>Kind</th><th>Reason</th><th>Meaning</th></tr>
 * <tr><td>ACCEPT</td><td>{@code ok}</td><td>the address passed the syntax check</td></tr>
 * <tr><td>ACCEPT</td><td>{@code not-checked}</td><td>strictness is {@code OFF}</td></tr>
 * <tr><td>ACCEPT</td><td>{@code allowed}</td><td>the address (or placeholder) is on the allow list</td></tr>
 * <tr><td>PLACEHOLDER</td><td>{@code client-default:<client>}</td><td>the fixed default password of a
 *     known client, such as {@code client-default:curl}; {@code client-default:site} for
 *     {@code extraPlaceholders}</td></tr>
 * <tr><td>PLACEHOLDER</td><td>{@code bare-name}</td><td>the RFC 1635-era {@code name@} form</td></tr>
 * <tr><td>REJECT</td><td>{@code empty}</td><td>nothing left after normalisation</td></tr>
 * <tr><td>REJECT</td><td>{@code too-long}</td><td>more than 512 characters, before any parsing</td></tr>
 * <tr><td>REJECT</td><td>{@code no-at-sign}</td><td>no {@code @}</td></tr>
 * <tr><td>REJECT</td><td>{@code empty-local-part}</td><td>nothing before the {@code @}</td></tr>
 * <tr><td>REJECT</td><td>{@code empty-domain}</td><td>nothing after the {@code @}</td></tr>
 * <tr><td>REJECT</td><td>{@code control-character}</td><td>a C0 control, DEL or a C1 control</td></tr>
 * <tr><td>REJECT</td><td>{@code whitespace}</td><td>a space or tab outside a quoted local part</td></tr>
 * <tr><td>REJECT</td><td>{@code non-ascii}</td><td>a non-ASCII character while {@code smtpUtf8} is off</td></tr>
 * <tr><td>REJECT</td><td>{@code invalid-local-part}</td><td>neither a Dot-string nor a Quoted-string</td></tr>
 * <tr><td>REJECT</td><td>{@code local-part-too-long}</td><td>local part over 64 octets</td></tr>
 * <tr><td>REJECT</td><td>{@code invalid-domain}</td><td>not a dot-separated list of LDH labels or
 *     U-labels</td></tr>
 * <tr><td>REJECT</td><td>{@code domain-too-long}</td><td>domain over 255 octets</td></tr>
 * <tr><td>REJECT</td><td>{@code label-too-long}</td><td>a domain label over 63 octets</td></tr>
 * <tr><td>REJECT</td><td>{@code invalid-address-literal}</td><td>a bracketed literal that is not a valid
 *     IPv4 or {@code IPv6:} address (general literals are not registered, so rejected)</td></tr>
 * <tr><td>REJECT</td><td>{@code address-too-long}</td><td>mailbox over 254 octets</td></tr>
 * <tr><td>REJECT</td><td>{@code denied}</td><td>on the deny list</td></tr>
 * <tr><td>REJECT</td><td>{@code not-allowed}</td><td>{@code allowOnly} is set and the address is not on the
 *     allow list</td></tr>
 * </table>
 * Octets are counted in UTF-8. Which rejection reason wins when several apply follows
 * {@link EmailPolicy#of(EmailPolicyConfig)}.
 *
 * @param kind    what kind of password it was
 * @param reason  the stable reason token
 * @param address the normalised address, never null
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5321#section-4.1.2">RFC 5321 §4.1.2</a>
 */
public record EmailVerdict(Kind kind, String reason, String address) {

    /** The three outcomes of a check. */
    public enum Kind {
        /** A usable address. */
        ACCEPT,
        /** A client default or bare {@code name@}: not an address, but what many clients send. */
        PLACEHOLDER,
        /** Not acceptable as an address. */
        REJECT;

        /** The lower-case name: {@code accept}, {@code placeholder} or {@code reject}. */
        public String token() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Requires every component; a site's own policy may build verdicts with reason tokens of its own. */
    public EmailVerdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(address, "address");
    }

    /** Same as {@code kind().token()}: {@code accept}, {@code placeholder} or {@code reject}. */
    public String kindToken() {
        return kind.token();
    }

    static EmailVerdict accept(String reason, String address) {
        return new EmailVerdict(Kind.ACCEPT, reason, address);
    }

    static EmailVerdict placeholder(String reason, String address) {
        return new EmailVerdict(Kind.PLACEHOLDER, reason, address);
    }

    static EmailVerdict reject(String reason, String address) {
        return new EmailVerdict(Kind.REJECT, reason, address);
    }
}

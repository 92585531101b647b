package io.github.anonftp.email;

/**
 * Decides what the password of an anonymous login says: an address, a client's placeholder or junk.
 * A pure function without I/O; implementations must be thread-safe. Sites may plug in their own.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc1635">RFC 1635: How to Use Anonymous FTP</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc5321#section-4.1.2">RFC 5321 §4.1.2</a>
 */
public interface EmailPolicy {

    /**
     * Checks the password a guest sent. Never throws for any input.
     *
     * @param password the password as received; null is treated as the empty string
     * @return the verdict, never null
     */
    EmailVerdict check(String password);

    /**
     * The standard policy for {@code config}. Immutable and thread-safe; one instance serves all sessions.
     * It evaluates in this order, and the first step that decides wins:
     * <ol>
     * <li>More than 512 characters (UTF-16 units, before anything else, at every strictness): REJECT
     *     {@code too-long}.</li>
     * <li>Normalise: strip surrounding spaces and tabs (no other characters), then one leading {@code -} (the
     *     wu-ftpd "quiet" convention); lower-case the domain, the text after the last {@code @}. For list
     *     matching the domain is also mapped to A-labels when {@code smtpUtf8} is on.</li>
     * <li>Placeholders, compared in any case: a shipped client default such as {@code IEUser@} or
     *     {@code Java17.0.15@}, or an {@code extraPlaceholders} entry: PLACEHOLDER
     *     {@code client-default:<client>}. Then the bare {@code name@} form, whose local part must pass the
     *     current strictness: PLACEHOLDER {@code bare-name}.</li>
     * <li>The syntax check of {@code strictness}: {@code OFF} passes everything; {@code TRIVIAL} wants an
     *     {@code @} with text on both sides and no control character; {@code RFC5321} wants an RFC 5321
     *     {@code Mailbox} (lengths in UTF-8 octets: local part 64, label 63, domain 255, mailbox 254), with
     *     RFC 6531 UTF-8 local parts and U-labels when {@code smtpUtf8} is on. U-labels are checked with
     *     {@link java.net.IDN}, which implements IDNA2003: an approximation of IDNA2008 that may accept a few
     *     labels IDNA2008 forbids and reject labels with characters newer than Unicode 3.2. Failing: REJECT
     *     with the reason of the first failed check.</li>
     * <li>Lists, for addresses and placeholders alike: on {@code allowed}: ACCEPT {@code allowed} (allow wins
     *     over deny); else on {@code denied}: REJECT {@code denied}; else with {@code allowOnly}: REJECT
     *     {@code not-allowed}.</li>
     * <li>Otherwise a placeholder stays PLACEHOLDER and an address is ACCEPT {@code ok} ({@code not-checked}
     *     under {@code OFF}). Reserved domains such as {@code example.com} are not special.</li>
     * </ol>
     * The parsers are hand-written and linear in the input length; no regular expression sees the input.
     *
     * @param config the settings
     * @return the policy
     * @see EmailVerdict for the reason tokens
     */
    static EmailPolicy of(EmailPolicyConfig config) {
        return new StandardEmailPolicy(config);
    }
}

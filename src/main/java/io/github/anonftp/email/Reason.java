package io.github.anonftp.email;

/** The reason tokens of {@link EmailVerdict}; the public list with meanings is in its Javadoc. */
final class Reason {

    static final String OK = "ok";
    static final String ALLOWED = "allowed";
    static final String NOT_CHECKED = "not-checked";

    static final String CLIENT_DEFAULT = "client-default:";
    static final String BARE_NAME = "bare-name";

    static final String EMPTY = "empty";
    static final String TOO_LONG = "too-long";
    static final String NO_AT_SIGN = "no-at-sign";
    static final String EMPTY_LOCAL_PART = "empty-local-part";
    static final String EMPTY_DOMAIN = "empty-domain";
    static final String CONTROL_CHARACTER = "control-character";
    static final String WHITESPACE = "whitespace";
    static final String NON_ASCII = "non-ascii";
    static final String INVALID_LOCAL_PART = "invalid-local-part";
    static final String LOCAL_PART_TOO_LONG = "local-part-too-long";
    static final String INVALID_DOMAIN = "invalid-domain";
    static final String DOMAIN_TOO_LONG = "domain-too-long";
    static final String LABEL_TOO_LONG = "label-too-long";
    static final String INVALID_ADDRESS_LITERAL = "invalid-address-literal";
    static final String ADDRESS_TOO_LONG = "address-too-long";
    static final String DENIED = "denied";
    static final String NOT_ALLOWED = "not-allowed";

    private Reason() {
    }
}

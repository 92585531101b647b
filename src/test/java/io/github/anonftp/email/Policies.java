package io.github.anonftp.email;

import java.util.Locale;
import java.util.function.UnaryOperator;

/** Shared helpers: build a policy from a tweaked default config and render verdicts as "kind reason". */
final class Policies {

    private Policies() {
    }

    static EmailPolicy standard() {
        return EmailPolicy.of(EmailPolicyConfig.builder().build());
    }

    static EmailPolicy with(UnaryOperator<EmailPolicyConfig.Builder> settings) {
        return EmailPolicy.of(settings.apply(EmailPolicyConfig.builder()).build());
    }

    static EmailPolicy at(Strictness strictness) {
        return with(b -> b.strictness(strictness));
    }

    /** {@code accept ok}, {@code placeholder client-default:curl}, {@code reject denied}, ... */
    static String outcome(EmailVerdict verdict) {
        return verdict.kindToken() + " " + verdict.reason();
    }

    /** Makes an input readable in a test name: controls as {@code \\uXXXX}, long inputs shortened. */
    static String label(String input) {
        if (input == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < input.length() && out.length() < 60; i++) {
            char c = input.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F);
            out.append(control ? String.format(Locale.ROOT, "\\u%04x", (int) c) : String.valueOf(c));
        }
        return input.length() > 60 ? out + "... (" + input.length() + " chars)" : out.toString();
    }
}

package io.github.anonftp.anonymous;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.github.anonftp.Settings;

/**
 * The drop box's name rules, compiled once: the length in UTF-8 bytes, {@code anonymous.denyUploadNames} (globs,
 * any case) and {@code anonymous.uploadNamePattern} (a whole-name match). Names are at most
 * {@value UploadConfig#MAX_NAME_BYTES} bytes before any expression sees them. Immutable, thread-safe.
 */
final class UploadNames {

    private final Pattern pattern;
    private final List<String> globs;
    private final List<Pattern> denied;

    UploadNames(UploadConfig uploads) {
        this.pattern = compile(uploads.uploadNamePattern());
        this.globs = uploads.denyUploadNames();
        this.denied = globs.stream().map(UploadNames::glob).toList();
    }

    /** Why {@code name} may not be uploaded, or null. */
    UploadRefusal refusal(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length > UploadConfig.MAX_NAME_BYTES) {
            return UploadRefusal.NAME_TOO_LONG;
        }
        if (deniedBy(name) != null) {
            return UploadRefusal.NAME_DENIED;
        }
        return pattern.matcher(name).matches() ? null : UploadRefusal.NAME_PATTERN;
    }

    /** The deny glob {@code name} matches, or null. */
    String deniedBy(String name) {
        for (int i = 0; i < denied.size(); i++) {
            if (denied.get(i).matcher(name).matches()) {
                return globs.get(i);
            }
        }
        return null;
    }

    /** Compiles {@code anonymous.uploadNamePattern}; a start-up error names it when it is not valid. */
    static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw Settings.invalid("anonymous.uploadNamePattern", regex, "a Java regular expression matching"
                    + " whole file names, such as " + UploadConfig.DEFAULT_NAME_PATTERN, e);
        }
    }

    /** The glob as a case-insensitive regular expression: {@code *} any run, {@code ?} one character. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }
}

package io.github.anonftp.anonymous;

import java.nio.file.FileSystems;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.anonftp.Settings;

/**
 * Which guest paths are hidden from listings ({@link AnonymousConfig#hideFiles()}) and which are denied outright
 * ({@link AnonymousConfig#denyFiles()}), as vsftpd's {@code hide_file}/{@code deny_file} and ProFTPD's
 * {@code HideFiles}/{@code PathDenyFilter}.
 *
 * <p>Each rule is a {@link java.nio.file.FileSystem#getPathMatcher(String) PathMatcher glob}: one without
 * {@code /} ({@code .*}, {@code *.key}) is matched against the bare name of each entry, one with {@code /} must
 * be absolute and is matched against the whole guest path ({@code /private/**}). Guest paths are resolved first
 * ({@code ..}, {@code .}, {@code //}, {@code \} and {@code ~} never reach a rule), and compared in any case, so
 * that {@code *.key} also covers {@code SERVER.KEY}. Names are taken literally: {@code %2e} is three
 * characters, never decoded.
 *
 * <p>A hidden entry is left out of listings but can be used by its exact name. A denied path, and everything
 * below a denied directory, does not exist for guests: lookups, listings and uploads treat it as a missing
 * name. Symbolic links are no way around a denial: the location a link leads to inside the home is checked
 * too. Immutable and thread-safe.
 */
public final class FileRules {

    /** No rule: everything visible, dot-files included. */
    public static final FileRules NONE = new FileRules(List.of(), List.of());

    private static final String EXPECTED = "PathMatcher globs: a bare name such as .* or *.tmp, or an absolute"
            + " guest path such as /private/**";

    private final List<String> hide;
    private final List<String> deny;
    private final List<Rule> hideRules;
    private final List<Rule> denyRules;

    private FileRules(List<String> hide, List<String> deny) {
        this.hide = List.copyOf(hide);
        this.deny = List.copyOf(deny);
        this.hideRules = compile("anonymous.hideFiles", hide);
        this.denyRules = compile("anonymous.denyFiles", deny);
    }

    /**
     * Rules from glob lists; fails naming {@code anonymous.hideFiles} or {@code anonymous.denyFiles} and the glob
     * when one is blank, holds a control character, is relative with a {@code /}, or is not glob syntax.
     */
    public static FileRules of(List<String> hide, List<String> deny) {
        Settings.required("anonymous.hideFiles", hide);
        Settings.required("anonymous.denyFiles", deny);
        return hide.isEmpty() && deny.isEmpty() ? NONE : new FileRules(hide, deny);
    }

    /** The hide globs as configured. */
    public List<String> hide() {
        return hide;
    }

    /** The deny globs as configured. */
    public List<String> deny() {
        return deny;
    }

    /** Whether there is no rule at all. */
    public boolean isEmpty() {
        return hideRules.isEmpty() && denyRules.isEmpty();
    }

    /** Whether a listing leaves {@code guestPath} out: it is hidden or denied. */
    public boolean isUnlisted(String guestPath) {
        return matches(hideRules, guestPath) || isDenied(guestPath);
    }

    /** Whether {@code guestPath} (resolved, absolute) or a directory above it is denied. */
    public boolean isDenied(String guestPath) {
        if (denyRules.isEmpty() || guestPath.equals("/")) {
            return false;
        }
        int end = guestPath.indexOf('/', 1);
        while (end > 0) {
            if (matches(denyRules, guestPath.substring(0, end))) {
                return true;
            }
            end = guestPath.indexOf('/', end + 1);
        }
        return matches(denyRules, guestPath);
    }

    /** Whether {@code real}, a location on disk inside {@code root} shown at guest path {@code mount}, is denied. */
    boolean isDeniedOnDisk(Path root, String mount, Path real) {
        if (denyRules.isEmpty() || real == null || !real.startsWith(root)) {
            return false;
        }
        StringBuilder path = new StringBuilder(mount.equals("/") ? "" : mount);
        for (Path segment : root.relativize(real)) {
            if (!segment.toString().isEmpty()) {
                path.append('/').append(segment);
            }
        }
        return isDenied(path.length() == 0 ? "/" : path.toString());
    }

    private static boolean matches(List<Rule> rules, String guestPath) {
        if (rules.isEmpty()) {
            return false;
        }
        String lower = guestPath.toLowerCase(Locale.ROOT);
        Path path;
        Path name;
        try {
            path = Path.of(lower);
            name = Path.of(GuestPaths.name(lower));
        } catch (InvalidPathException e) {
            return true; // a NUL in a name: no such file on disk either
        }
        for (Rule rule : rules) {
            if (rule.matcher().matches(rule.byName() ? name : path)) {
                return true;
            }
        }
        return false;
    }

    private static List<Rule> compile(String setting, List<String> globs) {
        List<Rule> rules = new ArrayList<>();
        for (String glob : globs) {
            if (glob == null || glob.isBlank() || glob.chars().anyMatch(Character::isISOControl)) {
                throw Settings.invalid(setting, String.valueOf(glob), EXPECTED);
            }
            boolean byName = glob.indexOf('/') < 0;
            if (!byName && (!glob.startsWith("/") || glob.length() > 1 && glob.endsWith("/"))) {
                throw Settings.invalid(setting, glob, EXPECTED + " (a path glob starts with / and does not end"
                        + " with one)");
            }
            try {
                rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + glob.toLowerCase(Locale.ROOT)),
                        byName));
            } catch (IllegalArgumentException e) { // PatternSyntaxException included
                throw Settings.invalid(setting, glob, EXPECTED, e);
            }
        }
        return List.copyOf(rules);
    }

    /** Equal when both lists of globs are. */
    @Override
    public boolean equals(Object other) {
        return other instanceof FileRules rules && rules.hide.equals(hide) && rules.deny.equals(deny);
    }

    @Override
    public int hashCode() {
        return 31 * hide.hashCode() + deny.hashCode();
    }

    @Override
    public String toString() {
        return "hideFiles=" + hide + ", denyFiles=" + deny;
    }

    private record Rule(PathMatcher matcher, boolean byName) {
    }
}

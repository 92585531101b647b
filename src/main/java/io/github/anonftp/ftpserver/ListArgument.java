package io.github.anonftp.ftpserver;

import java.util.function.Predicate;

/**
 * A {@code LIST} argument parsed as FtpServer's {@code ListArgumentParser} does: {@code -options} before
 * the path, a wildcard last segment ({@code pub/*.txt}) as the name pattern ({@code *}, {@code ?},
 * {@code [a-z]}, {@code [^a]}); a wildcard in a directory part is a syntax error.
 */
record ListArgument(String path, String options, Glob pattern) {

    /** The parsed argument, or null if it is not valid (a wildcard in the directory part). */
    static ListArgument parse(String argument) {
        String file = "./";
        StringBuilder options = new StringBuilder(4);
        if (argument != null) {
            String rest = argument.trim();
            int start = 0;
            while (start < rest.length()) {
                int space = rest.indexOf(' ', start);
                int end = space < 0 ? rest.length() : space;
                if (end == start) {
                    start++;
                } else if (rest.charAt(start) == '-') {
                    options.append(rest, start + 1, end);
                    start = end + 1;
                } else {
                    file = rest.substring(start);
                    break;
                }
            }
        }
        String pattern = null;
        int slash = file.lastIndexOf('/');
        if (slash < 0) {
            if (Glob.hasWildcard(file)) {
                pattern = file;
                file = "./";
            }
        } else if (slash != file.length() - 1) {
            String last = file.substring(slash + 1);
            if (Glob.hasWildcard(last)) {
                pattern = last;
                file = file.substring(0, slash + 1);
            }
            if (Glob.hasWildcard(file)) {
                return null;
            }
        }
        Glob glob = pattern == null || pattern.equals("*") ? null : new Glob(pattern);
        return new ListArgument(file, options.toString(), glob);
    }

    boolean hasOption(char option) {
        return options.indexOf(option) >= 0;
    }

    Predicate<String> names() {
        return pattern == null ? null : pattern::matches;
    }
}

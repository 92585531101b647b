package io.github.anonftp.ftpserver;

/**
 * A listing's name pattern: {@code *} any run, {@code ?} one character, {@code [abc]}, {@code [a-z]} and
 * {@code [^a]} or {@code [!a]} one of (not one of) a set; every other character itself. Matching takes
 * time proportional to name length times pattern length at worst (one backtracking point, the last
 * star), so a client's pattern cannot make it exponential.
 */
final class Glob {

    private final String pattern;

    Glob(String pattern) {
        this.pattern = pattern;
    }

    static boolean hasWildcard(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    boolean matches(String name) {
        int n = 0;
        int p = 0;
        int starP = -1;
        int starN = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                starP = p++;
                starN = n;
                continue;
            }
            if (p < pattern.length()) {
                int next = single(p, name.charAt(n));
                if (next >= 0) {
                    p = next;
                    n++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP + 1;
            n = ++starN;
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    /** The pattern index after the element at {@code p} if it matches {@code c}, else -1. */
    private int single(int p, char c) {
        char element = pattern.charAt(p);
        if (element == '?') {
            return p + 1;
        }
        if (element == '[') {
            int end = pattern.indexOf(']', p + 2);
            if (end > 0) {
                return inSet(p + 1, end, c) ? end + 1 : -1;
            }
        }
        return element == c ? p + 1 : -1;
    }

    private boolean inSet(int from, int end, char c) {
        boolean negated = pattern.charAt(from) == '^' || pattern.charAt(from) == '!';
        int i = negated ? from + 1 : from;
        boolean found = false;
        while (i < end) {
            char low = pattern.charAt(i);
            if (i + 2 < end && pattern.charAt(i + 1) == '-') {
                found |= c >= low && c <= pattern.charAt(i + 2);
                i += 3;
            } else {
                found |= c == low;
                i++;
            }
        }
        return found != negated;
    }
}

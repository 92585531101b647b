package io.github.anonftp.anonymous;

import java.util.ArrayDeque;
import java.util.Deque;

import io.github.anonftp.Settings;

/**
 * Guest paths are absolute, {@code /}-separated, without {@code .}, {@code ..} or empty segments;
 * the root is {@code /}. They never reach the disk unresolved: {@link GuestFileSystemView} maps them.
 */
final class GuestPaths {

    private GuestPaths() {
    }

    /**
     * Resolves what a client typed against its working directory, the way FtpServer's native file system
     * does: {@code \} is a separator, {@code .} stays, {@code ..} stops at the root, {@code ~} is the root.
     */
    static String resolve(String workingDirectory, String argument) {
        String typed = argument == null ? "" : argument.replace('\\', '/');
        Deque<String> segments = new ArrayDeque<>();
        if (!typed.startsWith("/")) {
            addSegments(segments, workingDirectory);
        }
        addSegments(segments, typed);
        return join(segments);
    }

    private static void addSegments(Deque<String> segments, String path) {
        for (String segment : path.split("/")) {
            switch (segment) {
                case "":
                case ".":
                    break;
                case "..":
                    segments.pollLast();
                    break;
                case "~":
                    segments.clear();
                    break;
                default:
                    segments.addLast(segment);
            }
        }
    }

    private static String join(Deque<String> segments) {
        if (segments.isEmpty()) {
            return "/";
        }
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(segment);
        }
        return path.toString();
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    static String name(String path) {
        return path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
    }

    /** Whether {@code path} lies strictly below {@code directory}, by whole segments. */
    static boolean isBelow(String path, String directory) {
        return path.length() > directory.length() + 1 && path.startsWith(directory)
                && path.charAt(directory.length()) == '/';
    }

    /** The segments of {@code path} below {@code directory}, without a leading slash ("" for the directory). */
    static String relativeTo(String path, String directory) {
        if (directory.equals("/")) {
            return path.substring(1);
        }
        return path.equals(directory) ? "" : path.substring(directory.length() + 1);
    }

    static GuestArea areaOf(AnonymousConfig config, String guestPath) {
        if (!config.hasDropBox()) {
            return GuestArea.ARCHIVE;
        }
        if (guestPath.equals(config.uploadPath())) {
            return GuestArea.DROP_BOX;
        }
        return isBelow(guestPath, config.uploadPath()) ? GuestArea.IN_DROP_BOX : GuestArea.ARCHIVE;
    }

    static String checkUploadPath(String uploadPath) {
        String expected = "an absolute guest path below / such as /incoming, without . or .. segments";
        Settings.required("anonymous.uploadPath", uploadPath);
        boolean printable = uploadPath.chars().allMatch(c -> c >= ' ' && c != 127 && c != '\\');
        String normal = printable && uploadPath.startsWith("/") ? resolve("/", uploadPath) : "";
        if (normal.equals("/") || normal.isEmpty() || !normal.equals(stripTrailingSlash(uploadPath))) {
            throw Settings.invalid("anonymous.uploadPath", uploadPath, expected);
        }
        return normal;
    }

    private static String stripTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}

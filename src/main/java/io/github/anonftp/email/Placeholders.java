package io.github.anonftp.email;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.anonftp.Settings;

/**
 * Fixed default passwords of FTP clients, compared case-insensitively after normalisation, plus the site's
 * {@code extraPlaceholders}. Immutable.
 */
final class Placeholders {

    /** Client name of every {@code extraPlaceholders} entry. */
    static final String SITE = "site";

    private static final int MAX_EXTRA_LENGTH = 512;

    /** Password as the client sends it, then the client name used in {@code client-default:<client>}. */
    private static final String[][] SHIPPED = {
        {"ftp@example.com", "curl"},
        {"curl_by_daniel@haxx.se", "curl"},
        {"-wget@", "wget"},
        {"lftp@", "lftp"},
        {"NcFTP@", "ncftp"},
        {"anonymous@", "python"},
        {"-anonymous@", "python"},
        {"mozilla@example.com", "mozilla"},
        {"chrome@example.com", "chrome"},
        {"IEUser@", "ie"},
        {"IE30User@", "ie"},
        {"busybox@", "busybox"},
        {"ARIA2USER@", "aria2"},
        {"Squid@", "squid"},
        {"User@", "metasploit"},
    };

    private final Map<String, String> clients;

    Placeholders(List<String> extraPlaceholders) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String[] entry : SHIPPED) {
            map.putIfAbsent(key(entry[0]), entry[1]);
        }
        for (String extra : extraPlaceholders) {
            map.putIfAbsent(key(extra), SITE);
        }
        clients = Map.copyOf(map);
    }

    /** The shipped table in the order above: password as sent, client name. */
    static Map<String, String> shipped() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String[] entry : SHIPPED) {
            map.put(entry[0], entry[1]);
        }
        return map;
    }

    /** The client whose default {@code address} (already normalised) is, or null. */
    String clientOf(String address) {
        String client = clients.get(address.toLowerCase(Locale.ROOT));
        if (client == null && isJavaDefault(address)) {
            client = "java";
        }
        return client;
    }

    /**
     * Java's URL client sends {@code Java<java.version>@}, sometimes followed by a host: {@code java}, a
     * digit, then only {@code [0-9A-Za-z._+-]} up to the {@code @}; a host part without {@code @},
     * controls or blanks.
     */
    static boolean isJavaDefault(String address) {
        if (address.length() < 6 || !address.regionMatches(true, 0, "java", 0, 4)
                || !Chars.isAsciiDigit(address.charAt(4))) {
            return false;
        }
        int i = 5;
        while (i < address.length() && isVersionChar(address.charAt(i))) {
            i++;
        }
        if (i == address.length() || address.charAt(i) != '@') {
            return false;
        }
        for (int j = i + 1; j < address.length(); j++) {
            char c = address.charAt(j);
            if (c == '@' || c == ' ' || Chars.isControl(c, true)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isVersionChar(char c) {
        return Chars.isAsciiLetterOrDigit(c) || c == '.' || c == '_' || c == '+' || c == '-';
    }

    /** Checks and copies {@code extraPlaceholders}: non-empty after normalisation, no controls, bounded. */
    static List<String> validate(String setting, List<String> extras) {
        Settings.required(setting, extras);
        String expected = "passwords that are not empty after stripping blanks and a leading \"-\", "
                + "without control characters, at most " + MAX_EXTRA_LENGTH + " characters";
        for (String extra : extras) {
            if (extra == null || extra.length() > MAX_EXTRA_LENGTH || Candidate.strip(extra).isEmpty()
                    || Chars.firstControl(extra, true) >= 0) {
                throw Settings.invalid(setting, extra, expected);
            }
        }
        return List.copyOf(extras);
    }

    private static String key(String password) {
        return Candidate.of(password, false).address().toLowerCase(Locale.ROOT);
    }
}

package io.tenantra.agent.modules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parsers for the two common shapes of Unix configuration files. */
public final class ConfigText {

    private ConfigText() {}

    /**
     * {@code KEY value} lines (login.defs, sshd_config): first token is the key, the rest the
     * value. {@code firstWins} follows the program's own rule (sshd takes the first, login.defs
     * the last).
     */
    public static Map<String, String> whitespaceSeparated(List<String> lines, boolean firstWins, boolean lowerKeys) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = Texts.stripComment(raw);
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("[\\s=]+", 2);
            String key = lowerKeys ? Texts.lower(parts[0]) : parts[0];
            String value = parts.length > 1 ? Texts.unquote(parts[1].strip()) : "";
            if (firstWins) {
                values.putIfAbsent(key, value);
            } else {
                values.put(key, value);
            }
        }
        return values;
    }

    /**
     * {@code key = value} lines, optionally in {@code [Section]}s (pwquality.conf, auditd.conf,
     * journald.conf). Keys are returned as written, prefixed with nothing; later lines win.
     */
    public static Map<String, String> equalsSeparated(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.startsWith("[")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            values.put(
                    line.substring(0, eq).strip(),
                    Texts.unquote(Texts.stripComment(line.substring(eq + 1)).strip()));
        }
        return values;
    }
}

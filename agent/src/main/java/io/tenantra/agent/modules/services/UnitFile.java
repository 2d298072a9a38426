package io.tenantra.agent.modules.services;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed systemd unit: {@code [Section]} → key → values in order. systemd's list semantics are
 * applied for the keys that accumulate ({@code ExecStart=} with an empty value resets the list,
 * which is how drop-ins replace a command).
 */
public final class UnitFile {

    private final Map<String, Map<String, List<String>>> sections = new LinkedHashMap<>();

    /** Parses one file's lines on top of what earlier files (the unit, then drop-ins) set. */
    public void apply(List<String> lines) {
        String section = "";
        StringBuilder pending = null;
        for (String raw : lines) {
            String line = pending == null ? raw.strip() : pending + raw.strip();
            if (line.endsWith("\\")) {
                pending = new StringBuilder(line.substring(0, line.length() - 1).stripTrailing()).append(' ');
                continue;
            }
            pending = null;
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            List<String> values = sections.computeIfAbsent(section, s -> new LinkedHashMap<>())
                    .computeIfAbsent(key, k -> new ArrayList<>());
            if (value.isEmpty()) {
                values.clear();
            } else {
                values.add(value);
            }
        }
    }

    /** All values of a key, in order (empty list when absent or reset). */
    public List<String> all(String section, String key) {
        return sections.getOrDefault(section, Map.of()).getOrDefault(key, List.of());
    }

    /** The effective single value: the last one set. */
    public String last(String section, String key) {
        List<String> values = all(section, key);
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    public boolean hasSection(String section) {
        return sections.containsKey(section);
    }

    /**
     * The program of an Exec line: strips systemd's prefixes ({@code -}, {@code @}, {@code :},
     * {@code +}, {@code !}) and returns the first word.
     */
    public static String program(String execLine) {
        String line = execLine.strip();
        int i = 0;
        while (i < line.length() && "-@:+!".indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        String rest = line.substring(i).strip();
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }
}

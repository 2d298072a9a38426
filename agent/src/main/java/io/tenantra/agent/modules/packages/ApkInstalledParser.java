package io.tenantra.agent.modules.packages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Streams Alpine's {@code /lib/apk/db/installed}: {@code X:value} lines, records split by blank lines. */
final class ApkInstalledParser {

    private static final Set<String> KEPT = Set.of("P", "V", "A", "o");

    private final List<Map<String, String>> records = new ArrayList<>();
    private Map<String, String> current = new HashMap<>();

    void line(String line) {
        if (line.isBlank()) {
            flush();
            return;
        }
        if (line.length() >= 2 && line.charAt(1) == ':') {
            String field = line.substring(0, 1);
            if (KEPT.contains(field)) {
                current.putIfAbsent(field, line.substring(2).strip());
            }
        }
    }

    void finish() {
        flush();
    }

    private void flush() {
        if (!current.isEmpty()) {
            records.add(current);
            current = new HashMap<>();
        }
    }

    List<Map<String, String>> records() {
        return records;
    }
}

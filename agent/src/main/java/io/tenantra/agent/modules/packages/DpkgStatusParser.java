package io.tenantra.agent.modules.packages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams dpkg's status file (RFC 822-like stanzas separated by blank lines). Only the fields the
 * inventory needs are kept, so a multi-megabyte status file costs a few hundred bytes per package.
 */
final class DpkgStatusParser {

    private static final Set<String> KEPT =
            Set.of("Package", "Status", "Version", "Architecture", "Source", "Essential");

    private final List<Map<String, String>> stanzas = new ArrayList<>();
    private Map<String, String> current = new HashMap<>();

    void line(String line) {
        if (line.isBlank()) {
            flush();
            return;
        }
        if (Character.isWhitespace(line.charAt(0))) {
            return; // continuation of a multi-line field (Description, Conffiles)
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            return; // malformed: not a field
        }
        String field = line.substring(0, colon);
        if (KEPT.contains(field)) {
            current.putIfAbsent(field, line.substring(colon + 1).strip());
        }
    }

    void finish() {
        flush();
    }

    private void flush() {
        if (!current.isEmpty()) {
            stanzas.add(current);
            current = new HashMap<>();
        }
    }

    List<Map<String, String>> stanzas() {
        return stanzas;
    }
}

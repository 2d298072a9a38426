package io.tenantra.agents;

import java.util.LinkedHashMap;
import java.util.Map;

/** Audit change summaries without null values (audit events copy them into immutable maps). */
final class Changes {

    private Changes() {}

    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> changes = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                changes.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return changes;
    }
}

package io.tenantra.compliance.content.wazuh;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A policy's {@code variables} ({@code $name: value}) and their substitution into rule text.
 * Longer names are replaced first, so {@code $sshd_file} is never clobbered by {@code $sshd}.
 * Wazuh 4.x substitutes only in a rule's target (before the first {@code ->}); 5.x in the whole
 * rule text. Each dialect keeps its own behaviour.
 */
final class Variables {

    private static final String ARROW = " -> ";

    private final Map<String, String> values;
    private final List<String> longestFirst;

    Variables(Map<String, String> values) {
        this.values = Map.copyOf(new LinkedHashMap<>(values));
        this.longestFirst = values.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    Map<String, String> values() {
        return values;
    }

    String substitute(String rule, Dialect dialect) {
        if (dialect.fiveX()) {
            return replace(rule);
        }
        int arrow = rule.indexOf(ARROW);
        return arrow < 0 ? replace(rule) : replace(rule.substring(0, arrow)) + rule.substring(arrow);
    }

    private String replace(String text) {
        String result = text;
        for (String name : longestFirst) {
            result = result.replace(name, values.get(name));
        }
        return result;
    }
}

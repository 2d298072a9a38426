package io.tenantra.compliance.content;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The vocabulary of {@code tenantra/checks@1}: every key the format knows, and the spelling of
 * operators, severities and conditions. Shared by the reader and the writer so that what one
 * writes the other reads.
 */
final class FormatKeys {

    static final String FORMAT = "tenantra/checks@1";

    static final Set<String> FILE = Set.of("format", "policy", "variables", "checks");
    static final Set<String> POLICY = Set.of("id", "version", "title", "description", "applies");
    static final Set<String> APPLIES = Set.of("os", "distributions", "version", "packages", "files", "requirements");
    static final Set<String> REQUIREMENTS = Set.of("title", "condition", "rules");
    static final Set<String> CHECK = Set.of(
            "id",
            "version",
            "title",
            "description",
            "rationale",
            "severity",
            "applies",
            "condition",
            "rules",
            "remediation",
            "references",
            "frameworks",
            "unsupported");
    static final Set<String> REMEDIATION = Set.of("text", "commands");
    static final Set<String> RULE = Set.of("fact", "probe", "not", "text");
    static final Set<String> PROBE_KINDS = Set.of("file", "directory", "process", "command", "registry", "stat");
    static final Set<String> PROBE = Set.of(
            "file",
            "directory",
            "names",
            "process",
            "command",
            "shell",
            "timeout",
            "registry",
            "value",
            "stat",
            "lines");
    static final Set<String> LINE_NUMERIC = Set.of("lt", "le", "gt", "ge", "eq", "ne");
    static final Set<String> LINE =
            Set.of("equals", "matches", "not_matches", "number", "lt", "le", "gt", "ge", "eq", "ne", "not");
    static final Set<String> OS_FAMILIES = Set.of("linux", "windows", "macos");

    /** Operator keys in the order the documentation lists them. */
    static final Map<String, Operator> OPERATORS = new LinkedHashMap<>();

    static {
        for (Operator operator : Operator.values()) {
            OPERATORS.put(key(operator), operator);
        }
    }

    static final Set<String> FACT = union(
            Set.of("module", "type", "key", "key_matches", "where", "attribute", "expect", "missing"),
            OPERATORS.keySet());

    /** Numeric line-test key to the operator a {@link io.tenantra.model.ContentTest} carries. */
    static final Map<String, String> LINE_OPERATORS =
            Map.of("lt", "<", "le", "<=", "gt", ">", "ge", ">=", "eq", "==", "ne", "!=");

    private FormatKeys() {}

    static String key(Operator operator) {
        return operator.name().toLowerCase(java.util.Locale.ROOT);
    }

    static String key(Enum<?> value) {
        return value.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}

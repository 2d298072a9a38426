package io.tenantra.compliance.content;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A versioned set of checks, as one file of content. {@code requirements} decide whether the
 * policy applies to an asset at all; {@code variables} ({@code $name} to value) are already
 * substituted into the checks' rules by the parser and kept for export.
 *
 * @param problems what the parser reported (only UNSUPPORTED ones: a file with an ERROR never
 *     becomes a Policy)
 */
public record Policy(
        String id,
        String version,
        String title,
        String description,
        PolicyOrigin origin,
        Applicability requirements,
        Map<String, String> variables,
        List<Check> checks,
        List<ContentProblem> problems) {

    public Policy {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(origin, "origin");
        requirements = requirements == null ? Applicability.ANY : requirements;
        variables = variables == null ? Map.of() : Map.copyOf(variables);
        checks = checks == null ? List.of() : List.copyOf(checks);
        problems = problems == null ? List.of() : List.copyOf(problems);
    }
}

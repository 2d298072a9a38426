package io.tenantra.compliance.frameworks;

import io.tenantra.compliance.content.Check;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Joins mappings kept apart from content ({@link FrameworkMapping}) with the mappings the checks
 * carry themselves, so coverage and scoring see one answer to "which controls does this check
 * support". The union is taken: a mappings file adds controls, it never removes what the content
 * author wrote.
 */
public final class Mappings {

    private Mappings() {}

    /** The checks of one policy, each with the controls the mapping lines add to it. */
    public static List<Check> apply(String policyId, Collection<Check> checks, Collection<FrameworkMapping> mappings) {
        List<Check> result = new ArrayList<>(checks.size());
        for (Check check : checks) {
            result.add(apply(policyId, check, mappings));
        }
        return result;
    }

    /** One check with the controls the mapping lines add to it (the same check when none do). */
    public static Check apply(String policyId, Check check, Collection<FrameworkMapping> mappings) {
        Map<String, Set<String>> merged = new LinkedHashMap<>();
        check.frameworks().forEach((framework, controls) -> merged.put(framework, new LinkedHashSet<>(controls)));
        boolean changed = false;
        for (FrameworkMapping mapping : mappings) {
            if (mapping.appliesTo(policyId, check.id())) {
                changed |= merged.computeIfAbsent(mapping.frameworkId(), k -> new LinkedHashSet<>())
                        .addAll(mapping.controlIds());
            }
        }
        if (!changed) {
            return check;
        }
        Map<String, List<String>> frameworks = new LinkedHashMap<>();
        merged.forEach((framework, controls) -> frameworks.put(framework, List.copyOf(controls)));
        return new Check(
                check.id(),
                check.version(),
                check.title(),
                check.description(),
                check.rationale(),
                check.severity(),
                check.applicability(),
                check.condition(),
                check.rules(),
                check.remediation(),
                check.references(),
                frameworks,
                check.unsupported(),
                check.location());
    }

    /** The control ids of {@code frameworkId} that {@code check} supports (empty when none). */
    public static List<String> controlsOf(Check check, String frameworkId) {
        List<String> controls = check.frameworks().get(frameworkId);
        return controls == null ? List.of() : controls;
    }
}

package io.tenantra.compliance.content;

import io.tenantra.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One compliance check as content: what it asks, why, how bad a failure is, where it applies,
 * its rules and how they combine, how to fix it, and which framework controls it supports.
 *
 * @param frameworks framework id to the control ids of that framework this check maps to
 * @param unsupported why the check cannot be evaluated (rules this product cannot run); a
 *     non-empty list keeps the check visible as unsupported and out of every score
 * @param commandRules true when any rule runs a command on the endpoint (such content from an
 *     import stays disabled for a tenant until an administrator enables it)
 */
public record Check(
        String id,
        int version,
        String title,
        String description,
        String rationale,
        Severity severity,
        Applicability applicability,
        Condition condition,
        List<Rule> rules,
        Remediation remediation,
        List<String> references,
        Map<String, List<String>> frameworks,
        List<String> unsupported,
        SourceLocation location) {

    public Check {
        Objects.requireNonNull(id, "id");
        applicability = applicability == null ? Applicability.ANY : applicability;
        condition = condition == null ? Condition.ALL : condition;
        rules = rules == null ? List.of() : List.copyOf(rules);
        remediation = remediation == null ? Remediation.NONE : remediation;
        references = references == null ? List.of() : List.copyOf(references);
        frameworks = frameworks == null ? Map.of() : Map.copyOf(frameworks);
        unsupported = unsupported == null ? List.of() : List.copyOf(unsupported);
    }

    public boolean supported() {
        return unsupported.isEmpty();
    }

    /** Whether any probe this check needs (rules and requirement rules alike) runs a command. */
    public boolean commandRules() {
        return Probes.of(this).stream().anyMatch(p -> p.kind() == io.tenantra.model.ProbeKind.COMMAND);
    }
}

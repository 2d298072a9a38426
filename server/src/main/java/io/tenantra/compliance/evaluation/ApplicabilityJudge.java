package io.tenantra.compliance.evaluation;

import io.tenantra.compliance.content.Applicability;
import io.tenantra.compliance.content.Condition;
import io.tenantra.compliance.content.Probes;
import io.tenantra.compliance.content.Rule;
import io.tenantra.compliance.content.VersionConstraint;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides whether a check (or a policy) applies to an asset, dimension by dimension: OS family,
 * distribution ({@code ID} or {@code ID_LIKE}), {@code VERSION_ID} constraint, required packages,
 * required files, then requirement rules. The first dimension the asset falls outside makes it
 * NOT_APPLICABLE; when none does but one could not be decided (OS not reported, packages module
 * silent, a file probe unanswered) the answer is ERROR, never a guess.
 */
final class ApplicabilityJudge {

    /** The agent module and item type that report installed packages (the agent's wire contract). */
    static final String PACKAGES_MODULE = "packages";

    static final String PACKAGE_TYPE = "package";

    /** The outcome with its reason, and the evidence of any requirement rules evaluated. */
    record Decision(Outcome outcome, String reason, List<Evidence> evidence) {

        static final Decision APPLIES = new Decision(Outcome.HELD, "", List.of());
    }

    private ApplicabilityJudge() {}

    static Decision judge(Applicability applies, AssetFacts facts) {
        if (applies == null || applies.equals(Applicability.ANY)) {
            return Decision.APPLIES;
        }
        String error = null;
        if (!applies.osFamilies().isEmpty()) {
            if (facts.osFamily() == null) {
                error = "the asset's operating system has not been reported yet";
            } else if (!applies.osFamilies().contains(facts.osFamily().toLowerCase(Locale.ROOT))) {
                return notApplicable(
                        "applies to " + sorted(applies.osFamilies()) + "; the asset runs " + facts.osFamily());
            }
        }
        if (!applies.osIds().isEmpty()) {
            if (facts.osIds().isEmpty()) {
                if (facts.osFamily() == null) {
                    error = error != null ? error : "the asset's distribution has not been reported yet";
                } else {
                    return notApplicable(
                            "applies to " + sorted(applies.osIds()) + "; the asset reports no distribution");
                }
            } else if (facts.osIds().stream()
                    .map(id -> id.toLowerCase(Locale.ROOT))
                    .noneMatch(applies.osIds()::contains)) {
                return notApplicable("applies to " + sorted(applies.osIds()) + "; the asset is "
                        + String.join(" like ", facts.osIds()));
            }
        }
        if (applies.osVersion() != null) {
            Optional<VersionConstraint> constraint = VersionConstraint.parse(applies.osVersion());
            if (constraint.isEmpty()) {
                error = error != null ? error : "version constraint '" + applies.osVersion() + "' cannot be read";
            } else {
                Optional<Boolean> holds = constraint.get().test(facts.osVersion());
                if (holds.isEmpty()) {
                    return notApplicable("applies to version " + applies.osVersion() + "; the asset reports "
                            + (facts.osVersion() == null ? "no VERSION_ID" : "VERSION_ID " + facts.osVersion()));
                }
                if (!holds.get()) {
                    return notApplicable(
                            "applies to version " + applies.osVersion() + "; the asset is at " + facts.osVersion());
                }
            }
        }
        if (!applies.packages().isEmpty()) {
            if (!facts.modulesReported().contains(PACKAGES_MODULE)) {
                error = error != null
                        ? error
                        : "the packages module has not reported, so required packages are unknown";
            } else {
                for (String name : applies.packages()) {
                    if (facts.itemsWhere(PACKAGE_TYPE, "name", name).isEmpty()) {
                        return notApplicable("package " + name + " is not installed");
                    }
                }
            }
        }
        for (String file : applies.files()) {
            Probe probe = Probes.fileExists(file);
            ProbeResult answer = facts.probeResults().get(probe.id());
            if (answer == null) {
                error = error != null ? error : "probe not answered yet (does " + file + " exist?)";
            } else if (answer.outcome() == io.tenantra.model.ProbeOutcome.NOT_FOUND) {
                return notApplicable("file " + file + " does not exist");
            } else if (answer.outcome() != io.tenantra.model.ProbeOutcome.FOUND) {
                error = error != null
                        ? error
                        : "whether " + file + " exists is unknown: the probe "
                                + answer.outcome().name().toLowerCase(Locale.ROOT)
                                + (answer.message() == null ? "" : " (" + answer.message() + ")");
            }
        }
        Decision requirement = requirement(applies.requirement(), facts);
        if (requirement.outcome() == Outcome.NOT_APPLICABLE) {
            return requirement;
        }
        if (error != null) {
            return new Decision(Outcome.ERROR, error, requirement.evidence());
        }
        return requirement;
    }

    private static Decision requirement(Applicability.Requirement requirement, AssetFacts facts) {
        if (requirement == null || requirement.rules().isEmpty()) {
            return Decision.APPLIES;
        }
        List<Outcome> outcomes = new ArrayList<>();
        List<Evidence> evidence = new ArrayList<>();
        String firstError = null;
        for (Rule rule : requirement.rules()) {
            RuleJudgement judgement = RuleJudge.judge(rule, facts);
            outcomes.add(judgement.outcome());
            evidence.add(judgement.evidence());
            if (judgement.outcome() == Outcome.ERROR && firstError == null) {
                firstError = judgement.evidence().rule() + ": " + judgement.reason();
            }
        }
        Condition condition = requirement.condition() == null ? Condition.ALL : requirement.condition();
        String title =
                requirement.title() == null || requirement.title().isBlank() ? "requirements" : requirement.title();
        return switch (Conditions.combine(condition, outcomes)) {
            case HELD -> new Decision(Outcome.HELD, "", evidence);
            case ERROR -> new Decision(Outcome.ERROR, "requirements could not be judged: " + firstError, evidence);
            default -> new Decision(Outcome.NOT_APPLICABLE, "requirements not met: " + title, evidence);
        };
    }

    private static Decision notApplicable(String reason) {
        return new Decision(Outcome.NOT_APPLICABLE, reason, List.of());
    }

    private static String sorted(java.util.Set<String> values) {
        return String.join(", ", new java.util.TreeSet<>(values));
    }
}

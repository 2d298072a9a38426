package io.tenantra.compliance.evaluation;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.Condition;
import io.tenantra.compliance.content.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one check on one asset: UNSUPPORTED content first, then applicability, then every rule
 * (all are evaluated, so the evidence is complete) combined by the check's condition. A pure
 * function: the same check and facts always give the same result, which is what lets stored facts
 * be re-judged whenever content changes.
 */
public final class CheckEvaluator {

    private CheckEvaluator() {}

    public static CheckResult evaluate(Check check, AssetFacts facts) {
        if (!check.supported()) {
            return new CheckResult(
                    check.id(),
                    check.version(),
                    Verdict.UNSUPPORTED,
                    "cannot be evaluated: " + String.join("; ", check.unsupported()),
                    List.of());
        }
        ApplicabilityJudge.Decision applies = ApplicabilityJudge.judge(check.applicability(), facts);
        if (applies.outcome() == Outcome.NOT_APPLICABLE) {
            return new CheckResult(
                    check.id(), check.version(), Verdict.NOT_APPLICABLE, applies.reason(), applies.evidence());
        }
        if (applies.outcome() == Outcome.ERROR) {
            return new CheckResult(check.id(), check.version(), Verdict.ERROR, applies.reason(), applies.evidence());
        }
        if (check.rules().isEmpty()) {
            return new CheckResult(check.id(), check.version(), Verdict.ERROR, "the check has no rules", List.of());
        }
        List<RuleJudgement> judgements = new ArrayList<>();
        for (Rule rule : check.rules()) {
            judgements.add(RuleJudge.judge(rule, facts));
        }
        List<Evidence> evidence = new ArrayList<>(applies.evidence());
        judgements.forEach(judgement -> evidence.add(judgement.evidence()));
        Outcome combined = Conditions.combine(
                check.condition(),
                judgements.stream().map(RuleJudgement::outcome).toList());
        return new CheckResult(
                check.id(),
                check.version(),
                verdict(combined),
                reason(check.condition(), combined, judgements),
                evidence);
    }

    static Verdict verdict(Outcome outcome) {
        return switch (outcome) {
            case HELD -> Verdict.PASS;
            case NOT_HELD -> Verdict.FAIL;
            case ERROR -> Verdict.ERROR;
            case NOT_APPLICABLE -> Verdict.NOT_APPLICABLE;
        };
    }

    /** The sentence that says which rule decided, in the words of the condition. */
    private static String reason(Condition condition, Outcome combined, List<RuleJudgement> judgements) {
        if (combined == Outcome.NOT_APPLICABLE || combined == Outcome.ERROR) {
            RuleJudgement first = first(judgements, combined);
            return (combined == Outcome.ERROR ? "could not judge " : "not applicable: ") + quote(first) + ": "
                    + first.reason();
        }
        int rules = judgements.size();
        return switch (condition) {
            case ALL ->
                combined == Outcome.HELD
                        ? (rules == 1
                                ? "the rule holds: " + judgements.get(0).reason()
                                : "all " + rules + " rules hold")
                        : "rule " + quote(first(judgements, Outcome.NOT_HELD)) + " does not hold: "
                                + first(judgements, Outcome.NOT_HELD).reason();
            case ANY ->
                combined == Outcome.HELD
                        ? "rule " + quote(first(judgements, Outcome.HELD)) + " holds: "
                                + first(judgements, Outcome.HELD).reason()
                        : (rules == 1
                                ? "the rule does not hold: " + judgements.get(0).reason()
                                : "none of the " + rules + " rules holds");
            case NONE ->
                combined == Outcome.HELD
                        ? (rules == 1
                                ? "the rule does not hold, as required: "
                                        + judgements.get(0).reason()
                                : "none of the " + rules + " rules holds, as required")
                        : "rule " + quote(first(judgements, Outcome.HELD)) + " holds but must not: "
                                + first(judgements, Outcome.HELD).reason();
        };
    }

    private static RuleJudgement first(List<RuleJudgement> judgements, Outcome outcome) {
        return judgements.stream()
                .filter(j -> j.outcome() == outcome)
                .findFirst()
                .orElse(judgements.get(0));
    }

    private static String quote(RuleJudgement judgement) {
        return "'" + judgement.evidence().rule() + "'";
    }
}

package io.tenantra.compliance.evaluation;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges every check of a policy on one asset. The policy's own requirements come first: an asset
 * outside them gets NOT_APPLICABLE for every check (as SCA content means them), and requirements
 * that cannot be judged make every check an ERROR with that reason, never a pass.
 */
public final class PolicyEvaluator {

    private PolicyEvaluator() {}

    public static List<CheckResult> evaluate(Policy policy, AssetFacts facts) {
        ApplicabilityJudge.Decision applies = ApplicabilityJudge.judge(policy.requirements(), facts);
        List<CheckResult> results = new ArrayList<>(policy.checks().size());
        for (Check check : policy.checks()) {
            if (applies.outcome() == Outcome.HELD) {
                results.add(CheckEvaluator.evaluate(check, facts));
            } else {
                Verdict verdict = CheckEvaluator.verdict(applies.outcome());
                results.add(new CheckResult(
                        check.id(),
                        check.version(),
                        verdict,
                        "policy " + policy.id() + ": " + applies.reason(),
                        applies.evidence()));
            }
        }
        return results;
    }
}

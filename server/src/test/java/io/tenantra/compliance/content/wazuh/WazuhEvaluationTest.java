package io.tenantra.compliance.content.wazuh;

import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.check;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.probeRule;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.content.ProbeRule;
import io.tenantra.compliance.evaluation.AssetFacts;
import io.tenantra.compliance.evaluation.CheckEvaluator;
import io.tenantra.compliance.evaluation.CheckResult;
import io.tenantra.compliance.evaluation.PolicyEvaluator;
import io.tenantra.compliance.evaluation.Verdict;
import io.tenantra.model.ProbeOutcome;
import io.tenantra.model.ProbeResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An imported policy judged by the engine on hand-made probe answers gives Wazuh's verdicts:
 * conditions all / any / none, {@code not}, 5.x's "no line matches", requirements, errors never
 * passing, and unsupported content never judged.
 */
class WazuhEvaluationTest {

    private static final String POLICY = """
            policy: {id: eval_5x, name: Evaluation, description: Judged on hand-made answers}
            requirements:
              name: Linux
              condition: all
              rules: ['f:/proc/sys/kernel/ostype -> r:Linux']
            checks:
              - id: 1
                name: every rule must hold
                condition: all
                rules:
                  - 'f:/etc/ssh/sshd_config -> r:^PermitRootLogin\\s+no'
                  - 'not f:/etc/hosts.equiv'
              - id: 2
                name: one rule is enough
                condition: any
                rules: ['p:sshd', 'c:systemctl is-active ssh -> r:^active']
              - id: 3
                name: no rule may hold
                condition: none
                rules: ['p:telnetd', 'f:/etc/ssh/sshd_config -> r:^PermitEmptyPasswords\\s+yes']
              - id: 4
                name: no line sets MaxAuthTries 9
                condition: all
                rules: ['f:/etc/ssh/sshd_config -> !r:^MaxAuthTries\\s+9']
              - id: 5
                name: cannot run
                condition: all
                rules: ['f:/etc/tenantra.conf -> r:(?|a|b)']
            """;

    private final Policy policy = WazuhPolicyImporter.parse("eval_5x.yml", POLICY);
    private final Map<String, ProbeResult> answers = new HashMap<>();

    private ProbeRule rule(String checkId, int index) {
        return probeRule(check(policy, "eval_5x-" + checkId).rules().get(index));
    }

    private void answer(ProbeRule rule, ProbeOutcome outcome) {
        answers.put(rule.probe().id(), new ProbeResult(rule.probe().id(), outcome, "hand-made", null));
    }

    private void linux() {
        answer(probeRule(policy.requirements().requirement().rules().get(0)), ProbeOutcome.FOUND);
    }

    private AssetFacts facts() {
        return new AssetFacts(
                UUID.randomUUID(), "linux", List.of("debian"), "12", Map.of(), Set.of(), answers, Map.of());
    }

    private Verdict verdict(String checkId) {
        Check check = check(policy, "eval_5x-" + checkId);
        List<CheckResult> all = PolicyEvaluator.evaluate(policy, facts());
        return all.stream()
                .filter(r -> r.checkId().equals(check.id()))
                .findFirst()
                .orElseThrow()
                .verdict();
    }

    @Test
    void allNeedsEveryRuleAndNotHoldsOnAMissingFile() {
        linux();
        answer(rule("1", 0), ProbeOutcome.FOUND);
        answer(rule("1", 1), ProbeOutcome.NOT_FOUND); // /etc/hosts.equiv does not exist
        assertThat(verdict("1")).isEqualTo(Verdict.PASS);
        answer(rule("1", 1), ProbeOutcome.FOUND);
        assertThat(verdict("1")).isEqualTo(Verdict.FAIL);
        answer(rule("1", 1), ProbeOutcome.ERROR);
        answer(rule("1", 0), ProbeOutcome.FOUND);
        assertThat(verdict("1")).isEqualTo(Verdict.ERROR); // never a pass on an error
    }

    @Test
    void anyPassesOnOneRuleEvenAfterAnError() {
        linux();
        answer(rule("2", 0), ProbeOutcome.NOT_FOUND);
        answer(rule("2", 1), ProbeOutcome.NOT_FOUND);
        assertThat(verdict("2")).isEqualTo(Verdict.FAIL);
        answer(rule("2", 0), ProbeOutcome.ERROR);
        answer(rule("2", 1), ProbeOutcome.FOUND);
        assertThat(verdict("2")).isEqualTo(Verdict.PASS);
        answer(rule("2", 1), ProbeOutcome.REFUSED); // command probes refused by the agent
        assertThat(verdict("2")).isEqualTo(Verdict.ERROR);
    }

    @Test
    void noneFailsAsSoonAsOneRuleHolds() {
        linux();
        answer(rule("3", 0), ProbeOutcome.NOT_FOUND);
        answer(rule("3", 1), ProbeOutcome.NOT_FOUND);
        assertThat(verdict("3")).isEqualTo(Verdict.PASS);
        answer(rule("3", 1), ProbeOutcome.FOUND);
        assertThat(verdict("3")).isEqualTo(Verdict.FAIL);
    }

    @Test
    void aSingleNegatedTestPassesOnlyWhenNoLineMatches() {
        linux();
        ProbeRule noLine = rule("4", 0);
        assertThat(noLine.negated()).isTrue();
        answer(noLine, ProbeOutcome.FOUND); // a line "MaxAuthTries 9" exists
        assertThat(verdict("4")).isEqualTo(Verdict.FAIL);
        answer(noLine, ProbeOutcome.NOT_FOUND);
        assertThat(verdict("4")).isEqualTo(Verdict.PASS);
    }

    @Test
    void unmetRequirementsMakeEveryCheckNotApplicable() {
        answer(probeRule(policy.requirements().requirement().rules().get(0)), ProbeOutcome.NOT_FOUND);
        answer(rule("1", 0), ProbeOutcome.FOUND);
        answer(rule("1", 1), ProbeOutcome.NOT_FOUND);
        assertThat(PolicyEvaluator.evaluate(policy, facts()))
                .extracting(CheckResult::verdict)
                .containsOnly(Verdict.NOT_APPLICABLE);
    }

    @Test
    void unsupportedContentIsNeverJudged() {
        linux();
        CheckResult result = CheckEvaluator.evaluate(check(policy, "eval_5x-5"), facts());
        assertThat(result.verdict()).isEqualTo(Verdict.UNSUPPORTED);
        assertThat(result.reason()).contains("(?|a|b)");
    }
}

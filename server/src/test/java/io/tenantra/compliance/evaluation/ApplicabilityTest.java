package io.tenantra.compliance.evaluation;

import static io.tenantra.compliance.evaluation.Verdict.ERROR;
import static io.tenantra.compliance.evaluation.Verdict.NOT_APPLICABLE;
import static io.tenantra.compliance.evaluation.Verdict.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.CheckFormat;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.content.PolicyOrigin;
import io.tenantra.compliance.content.Probes;
import io.tenantra.model.ProbeOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each applicability dimension on its own, and policy requirements over every check. */
class ApplicabilityTest {

    private static final String RULE = "    rules:\n      - probe: {file: /held}\n";

    private static TestFacts host() {
        return TestFacts.debian12().answer(Checks.file("/held"), ProbeOutcome.FOUND, "/held");
    }

    private static CheckResult judge(String applies, TestFacts facts) {
        Check check = Checks.yaml("    applies: " + applies + "\n" + RULE);
        return CheckEvaluator.evaluate(check, facts.build());
    }

    @Test
    void osFamily() {
        assertThat(judge("{os: [linux]}", host()).verdict()).isEqualTo(PASS);
        CheckResult windows = judge("{os: [windows, macos]}", host());
        assertThat(windows.verdict()).isEqualTo(NOT_APPLICABLE);
        assertThat(windows.reason()).isEqualTo("applies to macos, windows; the asset runs linux");
        assertThat(judge("{os: [linux]}", host().os(null, null)).verdict()).isEqualTo(ERROR);
    }

    @Test
    void distributionMatchesIdOrIdLike() {
        assertThat(judge("{distributions: [debian]}", host().os("linux", "22.04", "ubuntu", "debian"))
                        .verdict())
                .isEqualTo(PASS);
        assertThat(judge("{distributions: [rhel]}", host().os("linux", "9.3", "rocky", "rhel", "centos", "fedora"))
                        .verdict())
                .isEqualTo(PASS);
        CheckResult other = judge("{distributions: [rhel]}", host());
        assertThat(other.verdict()).isEqualTo(NOT_APPLICABLE);
        assertThat(other.reason()).isEqualTo("applies to rhel; the asset is debian");
        assertThat(judge("{distributions: [debian]}", host().os("windows", "10"))
                        .verdict())
                .isEqualTo(NOT_APPLICABLE);
    }

    @Test
    void versionConstraintOnVersionId() {
        assertThat(judge("{version: '>=12'}", host()).verdict()).isEqualTo(PASS);
        assertThat(judge("{version: '>=22'}", host().os("linux", "22.04", "ubuntu"))
                        .verdict())
                .isEqualTo(PASS);
        assertThat(judge("{version: '<9.2'}", host().os("linux", "9.2", "rhel")).verdict())
                .isEqualTo(NOT_APPLICABLE);
        assertThat(judge("{version: '12.0'}", host()).verdict()).isEqualTo(PASS);
        assertThat(judge("{version: '!=12'}", host()).verdict()).isEqualTo(NOT_APPLICABLE);
        CheckResult rolling = judge("{version: '>=12'}", host().os("linux", null, "debian"));
        assertThat(rolling.verdict()).isEqualTo(NOT_APPLICABLE);
        assertThat(rolling.reason()).isEqualTo("applies to version >=12; the asset reports no VERSION_ID");
    }

    @Test
    void requiredPackagesNeedThePackagesModule() {
        TestFacts withSsh = host().item("packages", "package", "dpkg:openssh-server:amd64", "name", "openssh-server");
        assertThat(judge("{packages: [openssh-server]}", withSsh).verdict()).isEqualTo(PASS);
        CheckResult without = judge("{packages: [openssh-server]}", host().module("packages"));
        assertThat(without.verdict()).isEqualTo(NOT_APPLICABLE);
        assertThat(without.reason()).isEqualTo("package openssh-server is not installed");
        assertThat(judge("{packages: [openssh-server]}", host()).verdict()).isEqualTo(ERROR);
    }

    @Test
    void requiredFilesAreAnsweredByFileProbes() {
        TestFacts present = host().answer(Probes.fileExists("/etc/ssh/sshd_config"), ProbeOutcome.FOUND, "");
        assertThat(judge("{files: [/etc/ssh/sshd_config]}", present).verdict()).isEqualTo(PASS);
        TestFacts absent = host().answer(Probes.fileExists("/etc/ssh/sshd_config"), ProbeOutcome.NOT_FOUND, "");
        assertThat(judge("{files: [/etc/ssh/sshd_config]}", absent).verdict()).isEqualTo(NOT_APPLICABLE);
        CheckResult unanswered = judge("{files: [/etc/ssh/sshd_config]}", host());
        assertThat(unanswered.verdict()).isEqualTo(ERROR);
        assertThat(unanswered.reason()).startsWith("probe not answered yet");
        TestFacts erred = host().answer(Probes.fileExists("/etc/ssh/sshd_config"), ProbeOutcome.ERROR, "");
        assertThat(judge("{files: [/etc/ssh/sshd_config]}", erred).verdict()).isEqualTo(ERROR);
    }

    @Test
    void anOutsideDimensionWinsOverAnUndecidedOne() {
        assertThat(judge("{os: [windows], packages: [x]}", host()).verdict()).isEqualTo(NOT_APPLICABLE);
        assertThat(judge("{packages: [x], distributions: [rhel]}", host()).verdict())
                .isEqualTo(NOT_APPLICABLE);
    }

    @Test
    void checkRequirementsAreRulesCombinedByTheirCondition() {
        String applies = "\n      requirements:\n        condition: any\n        rules:\n"
                + "          - probe: {file: /not-held}\n          - probe: {file: /held}";
        assertThat(judge(applies, host().answer(Checks.file("/not-held"), ProbeOutcome.NOT_FOUND, ""))
                        .verdict())
                .isEqualTo(PASS);
        String unmet =
                "\n      requirements:\n        title: needs /not-held\n        rules:\n          - probe: {file: /not-held}";
        CheckResult result = judge(unmet, host().answer(Checks.file("/not-held"), ProbeOutcome.NOT_FOUND, ""));
        assertThat(result.verdict()).isEqualTo(NOT_APPLICABLE);
        assertThat(result.reason()).isEqualTo("requirements not met: needs /not-held");
        assertThat(result.evidence()).hasSize(1);
        assertThat(judge(unmet, host()).verdict()).isEqualTo(ERROR);
    }

    @Test
    void policyRequirementsComeFirstForEveryCheck() {
        String yaml = """
                format: tenantra/checks@1
                policy:
                  id: p
                  version: "1"
                  title: P
                  applies: {distributions: [debian], requirements: {rules: [{probe: {file: /etc/debian_version}}]}}
                checks:
                  - {id: a, title: A, severity: low, rules: [{probe: {file: /held}}]}
                  - {id: b, title: B, severity: low, rules: [{probe: {file: /absent}}]}
                  - {id: c, title: C, severity: low, unsupported: [no]}
                """;
        Policy policy = CheckFormat.parse("p.yaml", yaml, PolicyOrigin.IMPORTED_WAZUH);
        var debianVersion = Checks.file("/etc/debian_version");
        var absent = Checks.file("/absent");
        List<CheckResult> onDebian = PolicyEvaluator.evaluate(
                policy,
                host().answer(debianVersion, ProbeOutcome.FOUND, "12.8")
                        .answer(absent, ProbeOutcome.NOT_FOUND, "")
                        .build());
        assertThat(onDebian).extracting(CheckResult::verdict).containsExactly(PASS, Verdict.FAIL, Verdict.UNSUPPORTED);
        List<CheckResult> onRocky = PolicyEvaluator.evaluate(
                policy, host().os("linux", "9", "rocky", "rhel").build());
        assertThat(onRocky).extracting(CheckResult::verdict).containsOnly(NOT_APPLICABLE);
        assertThat(onRocky.get(0).reason()).isEqualTo("policy p: applies to debian; the asset is rocky like rhel");
        List<CheckResult> unanswered = PolicyEvaluator.evaluate(policy, host().build());
        assertThat(unanswered).extracting(CheckResult::verdict).containsOnly(ERROR);
        assertThat(Probes.of(policy))
                .extracting(p -> p.targets().get(0))
                .containsExactly("/etc/debian_version", "/held", "/absent");
    }
}

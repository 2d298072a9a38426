package io.tenantra.compliance.evaluation;

import static io.tenantra.compliance.evaluation.Verdict.ERROR;
import static io.tenantra.compliance.evaluation.Verdict.FAIL;
import static io.tenantra.compliance.evaluation.Verdict.NOT_APPLICABLE;
import static io.tenantra.compliance.evaluation.Verdict.PASS;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.Condition;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Quantifiers over selected items, the outcome when nothing is selected, conditions over rules
 * with errors mixed in, probe answers, and the evidence every rule leaves.
 */
class CheckEvaluatorTest {

    /** Two sshd_setting-like items: {@code a} holds (value x), {@code b} does not (value y), {@code c} errors. */
    private static AssetFacts items(String... keys) {
        TestFacts facts = TestFacts.debian12().module("config");
        for (String key : keys) {
            Object value = switch (key) {
                case "a" -> 1;
                case "b" -> 9;
                default -> "many";
            };
            facts.item("config", "limit", key, "value", value);
        }
        return facts.build();
    }

    @ParameterizedTest(name = "expect {0} over items {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        all  | a,a   | PASS
        all  | a,b   | FAIL
        all  | a,c   | ERROR
        all  | b,c   | ERROR
        any  | a,b   | PASS
        any  | a,c   | PASS
        any  | b,c   | ERROR
        any  | b,b   | FAIL
        none | b,b   | PASS
        none | a,b   | FAIL
        none | a,c   | FAIL
        none | b,c   | ERROR
        """)
    void quantifiersCombineItemsLikeConditionsCombineRules(String expect, String keys, Verdict verdict) {
        Check check =
                Checks.yaml("    rules:\n      - fact: {module: config, type: limit, attribute: value, lt: 5, expect: "
                        + expect + "}\n");
        assertThat(CheckEvaluator.evaluate(check, items(keys.split(","))).verdict())
                .isEqualTo(verdict);
    }

    @ParameterizedTest(name = "missing {0} (expect {1}, not {2}) -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
        fail           | all  | false | FAIL
        pass           | all  | false | PASS
        not_applicable | all  | false | NOT_APPLICABLE
        fail           | all  | true  | PASS
        not_applicable | all  | true  | NOT_APPLICABLE
        ''             | all  | false | FAIL
        ''             | none | false | PASS
        ''             | any  | false | FAIL
        """)
    void nothingSelectedGivesTheMissingOutcome(String missing, String expect, boolean not, Verdict verdict) {
        String missingKey = missing.isEmpty() ? "" : ", missing: " + missing;
        Check check = Checks.yaml("    rules:\n      - fact: {module: config, type: limit, key: nofile, expect: "
                + expect + missingKey + "}\n        not: " + not + "\n");
        CheckResult result = CheckEvaluator.evaluate(check, items("a"));
        assertThat(result.verdict()).isEqualTo(verdict);
        assertThat(result.evidence())
                .singleElement()
                .satisfies(e -> assertThat(e.observed()).isEqualTo("(none)"));
    }

    @Test
    void aModuleThatDidNotReportIsAnErrorNeverAPass() {
        Check check = Checks.yaml("    rules:\n      - fact: {module: users, type: user, expect: none}\n");
        CheckResult result = CheckEvaluator.evaluate(check, items("a"));
        assertThat(result.verdict()).isEqualTo(ERROR);
        assertThat(result.reason()).contains("the users module has not reported on this asset");
    }

    @Test
    void selectionByKeyPatternAndWhere() {
        AssetFacts facts = TestFacts.debian12()
                .item("users", "user", "alice", "uid", 1000, "shell", "/bin/bash")
                .item("users", "user", "daemon", "uid", 1, "shell", "/usr/sbin/nologin")
                .item("users", "user", "bob", "uid", 1001, "shell", "/usr/sbin/nologin")
                .build();
        Check interactive =
                Checks.yaml("    rules:\n      - fact: {module: users, type: user, where: {uid: {ge: 1000}, "
                        + "shell: {not_in: [/usr/sbin/nologin]}}, attribute: key, equals: alice}\n");
        assertThat(CheckEvaluator.evaluate(interactive, facts).verdict()).isEqualTo(PASS);
        Check byPattern =
                Checks.yaml("    rules:\n      - fact: {module: users, type: user, key_matches: '^(alice|bob)$', "
                        + "attribute: uid, ge: 1001}\n");
        CheckResult result = CheckEvaluator.evaluate(byPattern, facts);
        assertThat(result.verdict()).isEqualTo(FAIL);
        assertThat(result.evidence().get(0).observed()).startsWith("alice: 1000");
        Check whereError =
                Checks.yaml("    rules:\n      - fact: {module: users, type: user, where: {shell: {gt: 3}}}\n");
        assertThat(CheckEvaluator.evaluate(whereError, facts).verdict()).isEqualTo(ERROR);
    }

    private static final Probe HELD = Checks.file("/held");
    private static final Probe NOT_HELD = Checks.file("/not-held");
    private static final Probe ERRED = Checks.file("/erred");
    private static final Probe REFUSED = Checks.file("/refused");
    private static final Probe UNANSWERED = Checks.file("/unanswered");

    private static AssetFacts answers() {
        return TestFacts.debian12()
                .answer(HELD, ProbeOutcome.FOUND, "/held")
                .answer(NOT_HELD, ProbeOutcome.NOT_FOUND, "no such file")
                .answer(ERRED, ProbeOutcome.ERROR, "")
                .answer(REFUSED, ProbeOutcome.REFUSED, "")
                .build();
    }

    private static Probe probe(String name) {
        return switch (name) {
            case "held" -> HELD;
            case "not" -> NOT_HELD;
            case "error" -> ERRED;
            case "refused" -> REFUSED;
            default -> UNANSWERED;
        };
    }

    @ParameterizedTest(name = "{0} over {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        ALL  | held,held        | PASS
        ALL  | held,not         | FAIL
        ALL  | not,error        | ERROR
        ALL  | held,refused     | ERROR
        ANY  | not,held         | PASS
        ANY  | error,held       | PASS
        ANY  | not,error        | ERROR
        ANY  | not,not          | FAIL
        NONE | not,not          | PASS
        NONE | not,held         | FAIL
        NONE | error,held       | FAIL
        NONE | not,unanswered   | ERROR
        """)
    void conditionsWithErrorsMixedIn(Condition condition, String rules, Verdict verdict) {
        Check check = Checks.of(
                condition,
                java.util.Arrays.stream(rules.split(","))
                        .map(name -> Checks.probe(probe(name), false))
                        .toArray(io.tenantra.compliance.content.Rule[]::new));
        assertThat(CheckEvaluator.evaluate(check, answers()).verdict()).isEqualTo(verdict);
    }

    @Test
    void aRuleThatIsNotApplicableMakesTheCheckNotApplicable() {
        Check check = Checks.yaml("    condition: any\n    rules:\n      - probe: {file: /held}\n"
                + "      - fact: {module: config, type: limit, key: none, missing: not_applicable}\n");
        AssetFacts facts = TestFacts.debian12()
                .module("config")
                .answer(HELD, ProbeOutcome.FOUND, "/held")
                .build();
        CheckResult result = CheckEvaluator.evaluate(check, facts);
        assertThat(result.verdict()).isEqualTo(NOT_APPLICABLE);
        assertThat(result.reason()).contains("no limit item 'none' on this asset");
    }

    @ParameterizedTest(name = "{0} (not {1}) -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        held       | false | PASS
        held       | true  | FAIL
        not        | false | FAIL
        not        | true  | PASS
        error      | true  | ERROR
        refused    | false | ERROR
        unanswered | true  | ERROR
        """)
    void probeAnswersAndNegation(String answer, boolean negated, Verdict verdict) {
        CheckResult result =
                CheckEvaluator.evaluate(Checks.of(Condition.ALL, Checks.probe(probe(answer), negated)), answers());
        assertThat(result.verdict()).isEqualTo(verdict);
        switch (answer) {
            case "unanswered" -> assertThat(result.reason()).endsWith("probe not answered yet");
            case "error" -> assertThat(result.reason()).endsWith("the probe failed on the agent: permission denied");
            case "refused" -> assertThat(result.reason()).contains("the agent refused the probe");
            default -> assertThat(result.evidence().get(0).scanId()).isEqualTo(TestFacts.SCAN);
        }
    }

    @Test
    void everyRuleLeavesEvidence() {
        Check check =
                Checks.yaml("    rules:\n      - fact: {module: config, type: sshd_setting, key: permitrootlogin, "
                        + "attribute: value, equals: 'no'}\n      - probe: {file: /held}\n");
        AssetFacts facts = TestFacts.debian12()
                .item("config", "sshd_setting", "permitrootlogin", "value", "yes")
                .answer(HELD, ProbeOutcome.FOUND, "/held")
                .build();
        CheckResult result = CheckEvaluator.evaluate(check, facts);
        assertThat(result.checkId()).isEqualTo("t-check");
        assertThat(result.verdict()).isEqualTo(FAIL);
        assertThat(result.reason())
                .isEqualTo(
                        "rule 'sshd_setting[permitrootlogin]: value equals \"no\"' does not hold: observed permitrootlogin: yes");
        assertThat(result.evidence())
                .containsExactly(
                        new Evidence(
                                "sshd_setting[permitrootlogin]: value equals \"no\"",
                                false,
                                "permitrootlogin: yes",
                                "every item: value equals \"no\"",
                                "sshd_setting permitrootlogin",
                                TestFacts.SCAN,
                                TestFacts.AT),
                        new Evidence(
                                "file:/held", true, "found: /held", "found", HELD.id(), TestFacts.SCAN, TestFacts.AT));
    }

    @Test
    void unsupportedChecksAreNeverJudged() {
        Check check = Checks.yaml("    unsupported: [\"rule 1: x: is not supported\"]\n");
        CheckResult result = CheckEvaluator.evaluate(check, answers());
        assertThat(result.verdict()).isEqualTo(Verdict.UNSUPPORTED);
        assertThat(result.reason()).isEqualTo("cannot be evaluated: rule 1: x: is not supported");
        assertThat(result.checkVersion()).isEqualTo(1);
        assertThat(result.evidence()).isEqualTo(List.of());
    }
}

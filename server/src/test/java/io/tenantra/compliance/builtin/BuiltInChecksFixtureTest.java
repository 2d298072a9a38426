package io.tenantra.compliance.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.builtin.BuiltInFixtures.Area;
import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.evaluation.AssetFacts;
import io.tenantra.compliance.evaluation.CheckEvaluator;
import io.tenantra.compliance.evaluation.CheckResult;
import io.tenantra.compliance.evaluation.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every built-in check judged on its two fixtures: a host that complies must PASS and one that
 * does not must FAIL, through the same parser and evaluator the product runs. A rule that does not
 * mean what its title says, or an item shape that drifted from what the agent reports, shows up
 * here as a wrong verdict.
 */
class BuiltInChecksFixtureTest {

    static Stream<Arguments> fixtures() {
        List<Arguments> cases = new ArrayList<>();
        for (Area area : BuiltInFixtures.areas()) {
            for (Check check : area.policy().checks()) {
                for (String kind : List.of("pass", "fail")) {
                    JsonNode fixture = area.fixture(check.id(), kind);
                    if (!fixture.isMissingNode()) {
                        cases.add(Arguments.of(check.id(), kind, area, check, fixture));
                    }
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtures")
    void fixtureGetsItsVerdict(String checkId, String kind, Area area, Check check, JsonNode fixture) {
        AssetFacts facts = BuiltInFixtures.facts(area, check, fixture);

        CheckResult result = CheckEvaluator.evaluate(check, facts);

        Verdict expected = kind.equals("pass") ? Verdict.PASS : Verdict.FAIL;
        assertThat(result.verdict())
                .as("%s on its %s fixture: %s %s", checkId, kind, result.reason(), result.evidence())
                .isEqualTo(expected);
        assertThat(result.evidence())
                .as("%s keeps the evidence of its rules", checkId)
                .isNotEmpty();
    }
}

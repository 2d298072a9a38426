package io.tenantra.compliance.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.evaluation.CheckResult;
import io.tenantra.compliance.evaluation.Verdict;
import io.tenantra.compliance.exceptions.ActiveException;
import io.tenantra.compliance.exceptions.ExceptionSet;
import io.tenantra.compliance.frameworks.Control;
import io.tenantra.compliance.frameworks.Framework;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The scoring arithmetic: control status precedence, weights, rounding, and both exception views. */
class ScoringTest {

    static final String FW = "fw";
    static final UUID TENANT = UUID.randomUUID();
    static final UUID ASSET = UUID.randomUUID();
    static final ScoredAsset WEB = new ScoredAsset(TENANT, ASSET, Map.of("role", "web"));

    static Check check(String id, String... controls) {
        return check(id, List.of(), controls);
    }

    static Check check(String id, List<String> unsupported, String... controls) {
        return new Check(
                id,
                1,
                id,
                "",
                "",
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of(FW, List.of(controls)),
                unsupported,
                null);
    }

    static CheckResult result(String checkId, Verdict verdict) {
        return new CheckResult(checkId, 1, verdict, "", List.of());
    }

    static Framework framework(Control... controls) {
        return new Framework(FW, "1", "Test framework", "us", List.of(controls));
    }

    static Control control(String id, double weight) {
        return new Control(id, id, "family", weight, false);
    }

    static ActiveException accept(String checkId, UUID asset, Map.Entry<String, String> tag) {
        return new ActiveException(
                UUID.randomUUID(),
                TENANT,
                checkId,
                asset,
                tag,
                ActiveException.Kind.ACCEPT,
                null,
                "risk accepted",
                Instant.parse("2027-01-01T00:00:00Z"));
    }

    static ActiveException override(String checkId, Verdict to) {
        return new ActiveException(
                UUID.randomUUID(),
                TENANT,
                checkId,
                null,
                null,
                ActiveException.Kind.OVERRIDE,
                to,
                "compensating",
                Instant.parse("2027-01-01T00:00:00Z"));
    }

    static ControlStatus status(AssetFrameworkScore score, String controlId) {
        return score.controls().stream()
                .filter(c -> c.controlId().equals(controlId))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aControlFailsWhenAnyMappedCheckFailsAndPassesWhenOnePassesAndNoneFail() {
        Framework fw = framework(control("C1", 1), control("C2", 1));
        List<Check> checks = List.of(check("a", "C1", "C2"), check("b", "C1"), check("c", "C2"));
        AssetFrameworkScore score = Scoring.scoreAsset(
                fw,
                checks,
                WEB,
                List.of(result("a", Verdict.PASS), result("b", Verdict.FAIL), result("c", Verdict.NOT_APPLICABLE)),
                ExceptionSet.NONE);

        assertThat(status(score, "C1").outcome()).isEqualTo(ControlOutcome.FAIL);
        assertThat(status(score, "C1").results())
                .containsEntry("a", Verdict.PASS)
                .containsEntry("b", Verdict.FAIL);
        assertThat(status(score, "C2").outcome()).isEqualTo(ControlOutcome.PASS);
        assertThat(score.withoutExceptions().controls()).isEqualTo(new StatusCounts(1, 1, 0, 0, 0));
        assertThat(score.withoutExceptions().score()).isEqualTo(50.0);
    }

    @Test
    void notApplicableErrorAndNotEvaluatedFollowThePrecedenceAndNeverCount() {
        Framework fw = framework(
                control("NA", 5),
                control("ERR", 5),
                control("MIX", 5),
                control("NONE", 5),
                control("UNSUP", 5),
                control("NOMAP", 5),
                control("P", 1));
        List<Check> checks = List.of(
                check("na1", "NA", "MIX"),
                check("na2", "NA"),
                check("err", "ERR", "MIX"),
                check("missing", "NONE", "NA"),
                check("unsup", List.of("rule kind x"), "UNSUP"),
                check("p", "P"));
        AssetFrameworkScore score = Scoring.scoreAsset(
                fw,
                checks,
                WEB,
                List.of(
                        result("na1", Verdict.NOT_APPLICABLE),
                        result("na2", Verdict.NOT_APPLICABLE),
                        result("err", Verdict.ERROR),
                        // a verdict for an unsupported check is never taken at face value
                        result("unsup", Verdict.PASS),
                        result("p", Verdict.PASS)),
                ExceptionSet.NONE);

        assertThat(status(score, "NA").outcome()).isEqualTo(ControlOutcome.NOT_APPLICABLE);
        assertThat(status(score, "NA").checksWithoutResult()).containsExactly("missing");
        assertThat(status(score, "ERR").outcome()).isEqualTo(ControlOutcome.ERROR);
        assertThat(status(score, "MIX").outcome()).isEqualTo(ControlOutcome.ERROR);
        assertThat(status(score, "NONE").outcome()).isEqualTo(ControlOutcome.NOT_EVALUATED);
        assertThat(status(score, "UNSUP").outcome()).isEqualTo(ControlOutcome.NOT_EVALUATED);
        assertThat(status(score, "UNSUP").results()).containsEntry("unsup", Verdict.UNSUPPORTED);
        assertThat(status(score, "NOMAP").outcome()).isEqualTo(ControlOutcome.NOT_EVALUATED);
        assertThat(score.withoutExceptions().controls()).isEqualTo(new StatusCounts(1, 0, 1, 2, 3));
        // heavy uncounted controls do not dilute the one passing control
        assertThat(score.withoutExceptions().score()).isEqualTo(100.0);
        assertThat(score.withoutExceptions().passWeight()).isEqualTo(1.0);
        assertThat(score.withoutExceptions().failWeight()).isZero();
    }

    @Test
    void theScoreIsWeightedAndRoundedHalfUpToOneDecimal() {
        Framework fw = framework(control("P", 2), control("F", 1), control("Q", 0.5));
        List<Check> checks = List.of(check("p", "P"), check("f", "F"), check("q", "Q"));
        AssetFrameworkScore score = Scoring.scoreAsset(
                fw,
                checks,
                WEB,
                List.of(result("p", Verdict.PASS), result("f", Verdict.FAIL), result("q", Verdict.FAIL)),
                ExceptionSet.NONE);
        // 100 × 2 / 3.5 = 57.142857…
        assertThat(score.withoutExceptions().score()).isEqualTo(57.1);
        assertThat(score.withoutExceptions().exactScore())
                .isCloseTo(57.142857, org.assertj.core.data.Offset.offset(1e-6));

        Framework thirds = framework(control("A", 1), control("B", 1), control("C", 1));
        AssetFrameworkScore twoOfThree = Scoring.scoreAsset(
                thirds,
                List.of(check("a", "A"), check("b", "B"), check("c", "C")),
                WEB,
                List.of(result("a", Verdict.PASS), result("b", Verdict.PASS), result("c", Verdict.FAIL)),
                ExceptionSet.NONE);
        assertThat(twoOfThree.withoutExceptions().score()).isEqualTo(66.7);
        assertThat(ScoreSummary.round(66.65)).isEqualTo(66.7);
        assertThat(ScoreSummary.round(66.64999)).isEqualTo(66.6);
    }

    @Test
    void nothingCountedGivesNoScoreRatherThanZero() {
        AssetFrameworkScore score = Scoring.scoreAsset(
                framework(control("C", 1)),
                List.of(check("c", "C")),
                WEB,
                List.of(result("c", Verdict.NOT_APPLICABLE)),
                ExceptionSet.NONE);
        assertThat(score.withoutExceptions().score()).isNull();
        assertThat(score.withExceptions().score()).isNull();

        AssetFrameworkScore allFail = Scoring.scoreAsset(
                framework(control("C", 1)), List.of(check("c", "C")), WEB, List.of(result("c", Verdict.FAIL)), null);
        assertThat(allFail.withoutExceptions().score()).isEqualTo(0.0);
    }

    @Test
    void anAcceptedFailFailsWithoutExceptionsAndPassesWithThem() {
        Framework fw = framework(control("C1", 1), control("C2", 1), control("C3", 1));
        List<Check> checks = List.of(check("a", "C1"), check("b", "C2"), check("c", "C3"));
        ActiveException onAsset = accept("a", ASSET, null);
        ActiveException otherAsset = accept("b", UUID.randomUUID(), null);
        ActiveException byTag = accept("c", null, Map.entry("role", "web"));
        AssetFrameworkScore score = Scoring.scoreAsset(
                fw,
                checks,
                WEB,
                List.of(result("a", Verdict.FAIL), result("b", Verdict.FAIL), result("c", Verdict.FAIL)),
                new ExceptionSet(List.of(onAsset, otherAsset, byTag)));

        assertThat(status(score, "C1").outcome()).isEqualTo(ControlOutcome.FAIL);
        assertThat(status(score, "C1").outcomeWithExceptions()).isEqualTo(ControlOutcome.PASS);
        assertThat(status(score, "C1").results()).containsEntry("a", Verdict.FAIL);
        assertThat(status(score, "C2").outcomeWithExceptions()).isEqualTo(ControlOutcome.FAIL);
        assertThat(status(score, "C3").outcomeWithExceptions()).isEqualTo(ControlOutcome.PASS);
        assertThat(score.withoutExceptions().score()).isEqualTo(0.0);
        assertThat(score.withExceptions().score()).isEqualTo(66.7);
        assertThat(score.exceptedControls()).containsExactly("C1", "C3");
        assertThat(score.exceptedChecks())
                .extracting(ExceptedCheck::checkId, ExceptedCheck::exceptionId, ExceptedCheck::countedAs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", onAsset.id(), Verdict.PASS),
                        org.assertj.core.groups.Tuple.tuple("c", byTag.id(), Verdict.PASS));
    }

    @Test
    void anAcceptedFailStillFailsTheControlWithExceptionsWhenAnotherCheckFails() {
        Framework fw = framework(control("C", 1));
        AssetFrameworkScore score = Scoring.scoreAsset(
                fw,
                List.of(check("a", "C"), check("b", "C")),
                WEB,
                List.of(result("a", Verdict.FAIL), result("b", Verdict.FAIL)),
                new ExceptionSet(List.of(accept("a", ASSET, null))));
        assertThat(status(score, "C").outcomeWithExceptions()).isEqualTo(ControlOutcome.FAIL);
        assertThat(status(score, "C").excepted())
                .extracting(ExceptedCheck::checkId)
                .containsExactly("a");
        assertThat(score.withExceptions().score()).isEqualTo(0.0);
    }

    @Test
    void anOverrideTurnsNotApplicableIntoPassOrFailOnlyWithExceptions() {
        Framework fw = framework(control("C1", 1), control("C2", 3), control("C3", 1));
        List<Check> checks = List.of(check("a", "C1"), check("b", "C2"), check("c", "C3"));
        AssetFrameworkScore score = Scoring.scoreAsset(
                fw,
                checks,
                WEB,
                List.of(
                        result("a", Verdict.NOT_APPLICABLE),
                        result("b", Verdict.NOT_APPLICABLE),
                        result("c", Verdict.PASS)),
                new ExceptionSet(List.of(
                        override("a", Verdict.PASS),
                        override("b", Verdict.FAIL),
                        // an override never touches a PASS, and an ACCEPT never touches a PASS
                        override("c", Verdict.FAIL),
                        accept("c", ASSET, null))));

        assertThat(status(score, "C1").outcome()).isEqualTo(ControlOutcome.NOT_APPLICABLE);
        assertThat(status(score, "C1").outcomeWithExceptions()).isEqualTo(ControlOutcome.PASS);
        assertThat(status(score, "C2").outcomeWithExceptions()).isEqualTo(ControlOutcome.FAIL);
        assertThat(status(score, "C3").outcomeWithExceptions()).isEqualTo(ControlOutcome.PASS);
        assertThat(status(score, "C3").excepted()).isEmpty();
        assertThat(score.withoutExceptions().score()).isEqualTo(100.0);
        assertThat(score.withoutExceptions().controls()).isEqualTo(new StatusCounts(1, 0, 2, 0, 0));
        // (1 + 1) / (1 + 3 + 1)
        assertThat(score.withExceptions().score()).isEqualTo(40.0);
        assertThat(score.withExceptions().controls()).isEqualTo(new StatusCounts(2, 1, 0, 0, 0));
        assertThat(score.exceptedChecks())
                .extracting(ExceptedCheck::checkId, ExceptedCheck::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a", ActiveException.Kind.OVERRIDE),
                        org.assertj.core.groups.Tuple.tuple("b", ActiveException.Kind.OVERRIDE));
    }

    @Test
    void exceptionsOfAnotherTenantOrCheckChangeNothing() {
        ActiveException foreign = new ActiveException(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "a",
                null,
                null,
                ActiveException.Kind.ACCEPT,
                null,
                "x",
                Instant.parse("2027-01-01T00:00:00Z"));
        AssetFrameworkScore score = Scoring.scoreAsset(
                framework(control("C", 1)),
                List.of(check("a", "C")),
                WEB,
                List.of(result("a", Verdict.FAIL)),
                new ExceptionSet(List.of(foreign, accept("other-check", ASSET, null))));
        assertThat(score.withExceptions()).isEqualTo(score.withoutExceptions());
        assertThat(score.exceptedChecks()).isEmpty();
    }

    @Test
    void mappingsToOtherFrameworksAndUnknownControlsAreIgnored() {
        Check elsewhere = new Check(
                "x",
                1,
                "x",
                "",
                "",
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of("other", List.of("C"), FW, List.of("NOT-IN-CATALOG")),
                List.of(),
                null);
        AssetFrameworkScore score = Scoring.scoreAsset(
                framework(control("C", 1)), List.of(elsewhere), WEB, List.of(result("x", Verdict.FAIL)), null);
        assertThat(status(score, "C").outcome()).isEqualTo(ControlOutcome.NOT_EVALUATED);
        assertThat(score.withoutExceptions().score()).isNull();
    }

    @Test
    void twoResultsForOneCheckAreRefused() {
        assertThatThrownBy(() -> Scoring.scoreAsset(
                        framework(control("C", 1)),
                        List.of(check("a", "C")),
                        WEB,
                        List.of(result("a", Verdict.PASS), result("a", Verdict.FAIL)),
                        null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a");
    }

    @Test
    void controlsKeepDocumentOrderWeightAndManualFlag() {
        Framework fw = framework(control("Z", 2), new Control("A", "Policy", "Plans", 1, true));
        AssetFrameworkScore score = Scoring.scoreAsset(fw, List.of(), WEB, new ArrayList<>(), null);
        assertThat(score.controls()).extracting(ControlStatus::controlId).containsExactly("Z", "A");
        assertThat(score.controls().get(0).weight()).isEqualTo(2.0);
        assertThat(score.controls().get(1).manual()).isTrue();
        assertThat(score.controls().get(1).title()).isEqualTo("Policy");
        assertThat(score.frameworkId()).isEqualTo(FW);
        assertThat(score.assetId()).isEqualTo(ASSET);
    }
}

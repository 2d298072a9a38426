package io.tenantra.compliance.frameworks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.content.Check;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The coverage map: covered (by supported checks), manual, uncovered, the percentage, derived frameworks. */
class CoverageTest {

    static Check check(String id, Map<String, List<String>> frameworks, List<String> unsupported) {
        return new Check(id, 1, id, "", "", null, null, null, null, null, null, frameworks, unsupported, null);
    }

    static Check check(String id, String framework, String... controls) {
        return check(id, Map.of(framework, List.of(controls)), List.of());
    }

    static final Framework FW = new Framework(
            "fw",
            "1",
            "Test",
            "",
            List.of(
                    new Control("T-1", "Technical one", "Tech", 1, false),
                    new Control("T-2", "Technical two", "Tech", 1, false),
                    new Control("T-3", "Technical three", "Tech", 1, false),
                    new Control("P-1", "Policy", "Plans", 1, true),
                    new Control("P-2", "Procedure with a check", "Plans", 1, true)));

    static ControlCoverage control(CoverageReport report, String id) {
        return report.controls().stream()
                .filter(c -> c.control().id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void controlsAreCoveredManualOrUncoveredAndThePercentageLeavesManualOnesOut() {
        List<Check> checks = List.of(
                check("b", "fw", "T-1", "P-2"),
                check("a", "fw", "T-1"),
                check("unsup", Map.of("fw", List.of("T-2")), List.of("registry rules are not supported")),
                check("elsewhere", "other", "T-3"),
                check("typo", "fw", "T-9"));

        CoverageReport report = Coverage.of(FW, checks);

        assertThat(report.controls())
                .extracting(c -> c.control().id())
                .containsExactly("T-1", "T-2", "T-3", "P-1", "P-2");
        assertThat(control(report, "T-1").state()).isEqualTo(ControlCoverage.State.COVERED);
        assertThat(control(report, "T-1").checkIds()).containsExactly("a", "b");
        // an unsupported check never covers a control; it is listed apart
        assertThat(control(report, "T-2").state()).isEqualTo(ControlCoverage.State.UNCOVERED);
        assertThat(control(report, "T-2").unsupportedCheckIds()).containsExactly("unsup");
        assertThat(control(report, "T-3").state()).isEqualTo(ControlCoverage.State.UNCOVERED);
        assertThat(control(report, "P-1").state()).isEqualTo(ControlCoverage.State.MANUAL);
        assertThat(control(report, "P-2").state()).isEqualTo(ControlCoverage.State.COVERED);
        assertThat(report.covered()).isEqualTo(2);
        assertThat(report.manual()).isEqualTo(1);
        assertThat(report.uncovered()).isEqualTo(2);
        // 2 covered of 4 coverable (P-1 is manual without checks)
        assertThat(report.coveredPercent()).isEqualTo(50.0);
        assertThat(report.unknownControls()).containsOnly(Map.entry("T-9", List.of("typo")));
        assertThat(report.derived()).isFalse();
    }

    @Test
    void thePercentageIsRoundedHalfUpToOneDecimalAndAbsentWhenNothingIsCoverable() {
        Framework thirds = new Framework(
                "fw",
                "1",
                "T",
                "",
                List.of(
                        new Control("A", "A", "", 1, false),
                        new Control("B", "B", "", 1, false),
                        new Control("C", "C", "", 1, false)));
        assertThat(Coverage.of(thirds, List.of(check("x", "fw", "A", "B"))).coveredPercent())
                .isEqualTo(66.7);
        assertThat(Coverage.of(thirds, List.of()).coveredPercent()).isEqualTo(0.0);

        Framework allManual = new Framework("fw", "1", "T", "", List.of(new Control("M", "M", "", 1, true)));
        CoverageReport manualOnly = Coverage.of(allManual, List.of());
        assertThat(manualOnly.coveredPercent()).isNull();
        assertThat(manualOnly.manual()).isEqualTo(1);
    }

    @Test
    void aFrameworkWithoutCatalogIsDerivedFromTheMappings() {
        List<Check> checks = List.of(
                check("a", "soc2", "CC6.1", "CC7.2"),
                check("b", "soc2", "CC6.10", "CC6.2"),
                check("c", Map.of("soc2", List.of("CC6.1"), "gdpr", List.of("32")), List.of()));

        Framework soc2 = Frameworks.derived("soc2", checks);

        assertThat(soc2.id()).isEqualTo("soc2");
        assertThat(soc2.controls()).extracting(Control::id).containsExactly("CC6.1", "CC6.2", "CC6.10", "CC7.2");
        assertThat(soc2.controls()).allSatisfy(c -> {
            assertThat(c.title()).isEqualTo(c.id());
            assertThat(c.weight()).isEqualTo(1.0);
            assertThat(c.family()).isEqualTo(Frameworks.DERIVED_FAMILY);
            assertThat(c.manual()).isFalse();
        });
        CoverageReport report = Coverage.of(soc2, checks);
        assertThat(report.derived()).isTrue();
        assertThat(report.coveredPercent()).isEqualTo(100.0);
        assertThat(control(report, "CC6.1").checkIds()).containsExactly("a", "c");
        assertThat(Frameworks.mappedFrameworkIds(checks)).containsExactly("gdpr", "soc2");
    }

    @Test
    void theLibraryResolvesCatalogsFirstAndDerivesTheRest() {
        FrameworkLibrary library = new FrameworkLibrary();
        List<Check> checks = List.of(check("a", "nis2", "21.2.a"), check("b", "nist-800-53-r5", "AC-2"));
        assertThat(library.resolve("nist-800-53-r5", checks).controls()).hasSizeGreaterThan(280);
        assertThat(library.resolve("nis2", checks).controls())
                .extracting(Control::id)
                .containsExactly("21.2.a");
        assertThat(Frameworks.isDerived(library.resolve("nist-800-53-r5", checks)))
                .isFalse();
    }

    @Test
    void controlIdsSortAsPeopleReadThem() {
        List<String> ids = new java.util.ArrayList<>(
                List.of("AC-10", "AC-2(10)", "AC-2", "AC-2(2)", "1.2.10", "1.2.9", "10.1.1", "A.5.9", "A.5.10"));
        ids.sort(Frameworks.CONTROL_ID_ORDER);
        assertThat(ids)
                .containsExactly(
                        "1.2.9", "1.2.10", "10.1.1", "A.5.9", "A.5.10", "AC-2", "AC-2(2)", "AC-2(10)", "AC-10");
    }
}

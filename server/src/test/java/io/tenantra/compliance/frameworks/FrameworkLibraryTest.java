package io.tenantra.compliance.frameworks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenantra.compliance.content.ContentException;
import io.tenantra.compliance.content.ContentProblem;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped catalogs all load, have the controls their publishers list, and broken ones stop startup. */
class FrameworkLibraryTest {

    static final FrameworkLibrary LIBRARY = new FrameworkLibrary();

    static Framework framework(String id) {
        return LIBRARY.find(id).orElseThrow(() -> new AssertionError("no catalog " + id));
    }

    static Set<String> ids(Framework framework) {
        return framework.controls().stream().map(Control::id).collect(Collectors.toSet());
    }

    @Test
    void everyShippedCatalogLoadsAndIsFoundById() {
        assertThat(LIBRARY.frameworks())
                .extracting(Framework::id)
                .contains("hipaa", "iso-27001-2022", "nist-800-53-r5", "pci-dss-4.0")
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(LIBRARY.find("no-such-framework")).isEmpty();
        for (Framework framework : LIBRARY.frameworks()) {
            assertThat(framework.controls()).as(framework.id()).isNotEmpty();
            assertThat(framework.title()).as(framework.id()).isNotBlank();
            // every catalog survives a write and a re-read unchanged
            assertThat(FrameworkFormat.parse("again.yaml", FrameworkFormat.write(framework)))
                    .isEqualTo(framework);
        }
    }

    @Test
    void nistHasEveryBaseControlThatIsNotWithdrawnAndTheCommonEnhancements() {
        Framework nist = framework("nist-800-53-r5");
        Predicate<String> base = id -> id.matches("[A-Z]{2}-\\d+");
        List<Control> baseControls =
                nist.controls().stream().filter(c -> base.test(c.id())).toList();
        // 323 base controls in release 5.1.1, 24 of them withdrawn
        assertThat(baseControls).hasSize(299);
        Map<String, Long> perFamily = baseControls.stream()
                .collect(Collectors.groupingBy(c -> c.id().substring(0, 2), Collectors.counting()));
        assertThat(perFamily).hasSize(20);
        assertThat(perFamily)
                .containsEntry("AC", 23L)
                .containsEntry("AU", 15L)
                .containsEntry("CM", 14L)
                .containsEntry("IA", 13L)
                .containsEntry("PM", 32L)
                .containsEntry("SC", 47L)
                .containsEntry("SI", 22L)
                .containsEntry("SR", 12L);
        assertThat(ids(nist))
                .doesNotContain("AC-13", "AC-15", "AU-15", "CA-4", "SA-12", "SC-9", "SC-19", "SI-9")
                .contains(
                        "AC-2(1)",
                        "AC-2(2)",
                        "AC-2(3)",
                        "AC-2(4)",
                        "AC-6(1)",
                        "AC-6(2)",
                        "AC-6(9)",
                        "AC-6(10)",
                        "AC-17(1)",
                        "AC-17(2)",
                        "AU-9(4)",
                        "AU-12(1)",
                        "CM-6(1)",
                        "CM-7(1)",
                        "CM-7(2)",
                        "CM-7(5)",
                        "IA-2(1)",
                        "IA-2(2)",
                        "IA-2(8)",
                        "IA-5(1)",
                        "SC-7(5)",
                        "SC-8(1)",
                        "SC-28(1)",
                        "SI-2(2)",
                        "SI-4(2)",
                        "SI-4(4)");
        Control ac2 = nist.controls().stream()
                .filter(c -> c.id().equals("AC-2"))
                .findFirst()
                .orElseThrow();
        assertThat(ac2.title()).isEqualTo("Account Management");
        assertThat(ac2.family()).isEqualTo("Access Control");
        // procedural families are manual, technical controls are not
        assertThat(nist.controls())
                .filteredOn(c -> c.id().matches("(PL|PM|PS|AT|PE|PT|SR|IR)-.*"))
                .allMatch(Control::manual);
        assertThat(nist.controls())
                .filteredOn(c -> c.id().matches("[A-Z]{2}-1"))
                .allMatch(Control::manual);
        assertThat(nist.controls())
                .filteredOn(c ->
                        Set.of("AC-6", "AU-2", "CM-6", "IA-5", "SC-8", "SI-2").contains(c.id()))
                .hasSize(6)
                .noneMatch(Control::manual);
    }

    @Test
    void isoHasThe93AnnexAControlsInFourThemes() {
        Framework iso = framework("iso-27001-2022");
        assertThat(iso.controls()).hasSize(93);
        Map<String, Long> perTheme =
                iso.controls().stream().collect(Collectors.groupingBy(Control::family, Collectors.counting()));
        assertThat(perTheme)
                .containsOnly(
                        Map.entry("Organizational controls", 37L),
                        Map.entry("People controls", 8L),
                        Map.entry("Physical controls", 14L),
                        Map.entry("Technological controls", 34L));
        assertThat(ids(iso)).contains("A.5.1", "A.5.37", "A.6.8", "A.7.14", "A.8.1", "A.8.34");
        assertThat(iso.controls())
                .filteredOn(c -> c.id().equals("A.8.5"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.title()).isEqualTo("Secure authentication");
                    assertThat(c.manual()).isFalse();
                });
        assertThat(iso.controls())
                .filteredOn(c -> c.family().equals("People controls"))
                .allMatch(Control::manual);
    }

    @Test
    void hipaaHasTheSecurityRuleStandardsAndSpecificationsMarkedRequiredOrAddressable() {
        Framework hipaa = framework("hipaa");
        assertThat(ids(hipaa))
                .contains(
                        "164.308(a)(1)(ii)(A)",
                        "164.308(a)(5)(ii)(C)",
                        "164.310(d)(2)(iv)",
                        "164.312(a)(2)(iv)",
                        "164.312(b)",
                        "164.314(a)(2)(i)",
                        "164.316(b)(2)(iii)");
        assertThat(hipaa.controls())
                .allMatch(c -> c.title().matches(".* \\((standard|required|addressable)\\)"))
                .extracting(Control::family)
                .containsOnly(
                        "Administrative safeguards (164.308)",
                        "Physical safeguards (164.310)",
                        "Technical safeguards (164.312)",
                        "Organizational requirements (164.314)",
                        "Policies, procedures and documentation (164.316)");
        assertThat(hipaa.controls())
                .filteredOn(c -> c.id().equals("164.312(a)(2)(iii)"))
                .singleElement()
                .satisfies(c -> assertThat(c.title()).isEqualTo("Automatic logoff (addressable)"));
    }

    @Test
    void pciHasTheTwelveRequirementsToTheSecondLevel() {
        Framework pci = framework("pci-dss-4.0");
        assertThat(pci.controls()).allMatch(c -> c.id().matches("\\d{1,2}\\.\\d{1,2}\\.\\d{1,2}"));
        assertThat(pci.controls().stream().map(Control::family).distinct()).hasSize(12);
        assertThat(ids(pci)).contains("1.2.1", "2.2.4", "8.3.6", "10.2.1", "12.10.7");
        // every principal requirement opens with its policy and roles requirement, except 12
        for (int requirement = 1; requirement <= 11; requirement++) {
            assertThat(ids(pci)).contains(requirement + ".1.1", requirement + ".1.2");
        }
        assertThat(pci.controls()).hasSizeGreaterThan(200);
    }

    @Test
    void aBrokenBuiltInCatalogStopsStartupWithEveryProblem() {
        ContentException e = catchThrowableOfType(
                ContentException.class,
                () -> new FrameworkLibrary("classpath*:compliance/frameworks-test/broken/*.yaml"));
        assertThat(e).isNotNull();
        assertThat(e.problems())
                .extracting(ContentProblem::toString)
                .containsExactly(
                        "compliance/frameworks-test/broken/b-bad.yaml:9 controls[0].weight: must be greater than 0 and at most 1000");
    }

    @Test
    void twoCatalogsWithOneIdStopStartup() {
        ContentException e = catchThrowableOfType(
                ContentException.class,
                () -> new FrameworkLibrary("classpath*:compliance/frameworks-test/duplicate/*.yaml"));
        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .contains(
                        "compliance/frameworks-test/duplicate/two.yaml framework.id: framework id good is also defined in"
                                + " compliance/frameworks-test/duplicate/one.yaml");
    }
}

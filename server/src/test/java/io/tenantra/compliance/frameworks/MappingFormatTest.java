package io.tenantra.compliance.frameworks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.ContentException;
import io.tenantra.compliance.content.ContentProblem;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code tenantra/mappings@1}: reading, writing, errors with line and field, and joining with checks. */
class MappingFormatTest {

    static final String VALID = """
            format: tenantra/mappings@1
            mappings:
              - check: tn-linux-ssh-root-login
                framework: nist-800-53-r5
                controls: [AC-6(2), CM-6, AC-6(2)]
              - check: "28500"
                policy: cis-debian12
                framework: soc2
                controls:
                  - CC6.1
            """;

    @Test
    void readsEveryLineWithItsLocationAndDropsRepeatedControls() {
        List<FrameworkMapping> mappings = MappingFormat.parse("map.yaml", VALID);
        assertThat(mappings).hasSize(2);
        FrameworkMapping first = mappings.get(0);
        assertThat(first.checkId()).isEqualTo("tn-linux-ssh-root-login");
        assertThat(first.policyId()).isNull();
        assertThat(first.frameworkId()).isEqualTo("nist-800-53-r5");
        assertThat(first.controlIds()).containsExactly("AC-6(2)", "CM-6");
        assertThat(first.location().toString()).isEqualTo("map.yaml:3 mappings[0]");
        assertThat(mappings.get(1).policyId()).isEqualTo("cis-debian12");
        assertThat(mappings.get(1).checkId()).isEqualTo("28500");
    }

    @Test
    void writeThenParseGivesTheSameMappings() {
        List<FrameworkMapping> mappings = MappingFormat.parse("map.yaml", VALID);
        List<FrameworkMapping> again = MappingFormat.parse("again.yaml", MappingFormat.write(mappings));
        assertThat(again)
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("location")
                .isEqualTo(mappings);
    }

    @Test
    void everyProblemIsListedWithLineAndField() {
        String yaml = """
                format: tenantra/mappings@1
                mappings:
                  - check: Bad Id
                    framework: nist-800-53-r5
                    controls: []
                  - framework: x
                    controls: [A, "has space"]
                    extra: 1
                """;
        ContentException e = catchThrowableOfType(ContentException.class, () -> MappingFormat.parse("map.yaml", yaml));
        assertThat(e).isNotNull();
        assertThat(e.problems())
                .extracting(ContentProblem::toString)
                .containsExactlyInAnyOrder(
                        "map.yaml:3 mappings[0].check: must match [a-z0-9][a-z0-9._-]{0,99}",
                        "map.yaml:5 mappings[0].controls: must list at least one control",
                        "map.yaml:8 mappings[1].extra: unknown key (expected one of check, policy, framework, controls)",
                        "map.yaml:6 mappings[1].check: is required",
                        "map.yaml:7 mappings[1].controls[1]: must match [A-Za-z0-9][\\x21-\\x7E]{0,99}");
    }

    @Test
    void mappingsAddControlsToTheChecksTheyNameAndNeverRemoveAny() {
        Check own = new Check(
                "tn-linux-ssh-root-login",
                1,
                "t",
                "",
                "",
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of("nist-800-53-r5", List.of("AC-17")),
                List.of(),
                null);
        Check wazuh = new Check("28500", 1, "t", "", "", null, null, null, null, null, null, Map.of(), List.of(), null);
        List<FrameworkMapping> mappings = MappingFormat.parse("map.yaml", VALID);

        List<Check> ours = Mappings.apply("tenantra-linux-baseline", List.of(own, wazuh), mappings);
        assertThat(ours.get(0).frameworks())
                .containsOnly(Map.entry("nist-800-53-r5", List.of("AC-17", "AC-6(2)", "CM-6")));
        // the second line names another policy
        assertThat(ours.get(1)).isSameAs(wazuh);

        Check mapped = Mappings.apply("cis-debian12", wazuh, mappings);
        assertThat(mapped.frameworks()).containsOnly(Map.entry("soc2", List.of("CC6.1")));
        assertThat(mapped.id()).isEqualTo("28500");
        assertThat(Mappings.controlsOf(mapped, "soc2")).containsExactly("CC6.1");
        assertThat(Mappings.controlsOf(mapped, "none")).isEmpty();
    }
}

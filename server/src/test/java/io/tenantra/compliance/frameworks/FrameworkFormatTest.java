package io.tenantra.compliance.frameworks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenantra.compliance.content.ContentException;
import io.tenantra.compliance.content.ContentProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading and writing {@code tenantra/framework@1}; every error names file, line and field. */
class FrameworkFormatTest {

    static final String VALID = """
            format: tenantra/framework@1
            framework:
              id: demo-1
              version: "2.0"
              title: Demo framework
              publisher: Us
            controls:
              - id: AC-2(1)
                title: Automated account management
                family: Access Control
              - id: PL-1
                title: Policy and procedures
                family: Planning
                weight: 2.5
                manual: true
            """;

    static List<String> problems(String yaml) {
        ContentException e =
                catchThrowableOfType(ContentException.class, () -> FrameworkFormat.parse("demo.yaml", yaml));
        assertThat(e).as("expected the file to be refused").isNotNull();
        return e.problems().stream().map(ContentProblem::toString).toList();
    }

    @Test
    void readsTheHeaderAndControlsInDocumentOrderWithDefaults() {
        Framework framework = FrameworkFormat.parse("demo.yaml", VALID);
        assertThat(framework.id()).isEqualTo("demo-1");
        assertThat(framework.version()).isEqualTo("2.0");
        assertThat(framework.title()).isEqualTo("Demo framework");
        assertThat(framework.publisher()).isEqualTo("Us");
        assertThat(framework.controls())
                .containsExactly(
                        new Control("AC-2(1)", "Automated account management", "Access Control", 1, false),
                        new Control("PL-1", "Policy and procedures", "Planning", 2.5, true));
    }

    @Test
    void writeThenParseGivesTheSameFramework() {
        Framework framework = FrameworkFormat.parse("demo.yaml", VALID);
        String written = FrameworkFormat.write(framework);
        assertThat(written).startsWith("format: tenantra/framework@1");
        assertThat(written)
                .doesNotContain("weight: 1\n")
                .contains("weight: 2.5")
                .contains("manual: true");
        assertThat(FrameworkFormat.parse("again.yaml", written)).isEqualTo(framework);

        Framework awkward = new Framework(
                "x",
                "1",
                "Title: with colon # and hash",
                "",
                List.of(new Control("164.312(a)(2)(iv)", "'quoted' \"too\"", "", 3, false)));
        assertThat(FrameworkFormat.parse("x.yaml", FrameworkFormat.write(awkward)))
                .isEqualTo(awkward);
    }

    @Test
    void duplicateControlIdsAreReportedWithTheirLine() {
        String yaml = VALID + """
                  - id: AC-2(1)
                    title: Again
                """;
        assertThat(problems(yaml))
                .containsExactly("demo.yaml:16 controls[2].id: duplicate control id AC-2(1) (also controls[0])");
    }

    @Test
    void everyProblemIsListedWithLineAndField() {
        String yaml = """
                format: tenantra/framework@2
                framework:
                  id: Not An Id
                  title: T
                  colour: blue
                controls:
                  - id: A
                    title: First
                    weight: 0
                  - id: B
                    wieght: 2
                  - id: C
                    title: Third
                    weight: lots
                    manual: maybe
                  - just a string
                """;
        assertThat(problems(yaml))
                .containsExactlyInAnyOrder(
                        "demo.yaml:1 format: must be tenantra/framework@1",
                        "demo.yaml:3 framework.id: must match [a-z0-9][a-z0-9._-]{0,99}",
                        "demo.yaml:5 framework.colour: unknown key (expected one of id, version, title, publisher)",
                        "demo.yaml:3 framework.version: is required",
                        "demo.yaml:9 controls[0].weight: must be greater than 0 and at most 1000",
                        "demo.yaml:11 controls[1].wieght: unknown key (expected one of id, title, family, weight, manual)",
                        "demo.yaml:10 controls[1].title: is required",
                        "demo.yaml:14 controls[2].weight: must be a number",
                        "demo.yaml:15 controls[2].manual: must be true or false",
                        "demo.yaml:16 controls[3]: must be a mapping");
    }

    @Test
    void negativeWeightsRepeatedKeysAndMissingSectionsAreRefused() {
        assertThat(problems(VALID.replace("weight: 2.5", "weight: -1")))
                .containsExactly("demo.yaml:14 controls[1].weight: must be greater than 0 and at most 1000");
        assertThat(problems(VALID.replace("  title: Demo framework\n", "  title: Demo framework\n  title: Again\n")))
                .containsExactly("demo.yaml:6 framework.title: appears twice");
        assertThat(problems("format: tenantra/framework@1\n"))
                .containsExactly("demo.yaml:1 framework: is required", "demo.yaml:1 controls: is required");
        assertThat(problems(VALID.substring(0, VALID.indexOf("controls:")) + "controls: []\n"))
                .containsExactly("demo.yaml:7 controls: must list at least one control");
    }

    @Test
    void brokenYamlAndOtherShapesAreRefusedWithALine() {
        assertThat(problems("format: [unclosed\n"))
                .singleElement()
                .asString()
                .startsWith("demo.yaml:2: ")
                .contains("not valid YAML");
        assertThat(problems("")).containsExactly("demo.yaml: the file is empty");
        assertThat(problems("- a\n- b\n")).singleElement().asString().contains("must be a mapping");
        assertThat(problems("a: &x [1]\nb: *x\n")).singleElement().asString().contains("not valid YAML");
    }

    @Test
    void controlIdsMustBePrintableWithoutSpaces() {
        assertThat(problems(VALID.replace("id: PL-1", "id: \"PL 1\"")))
                .containsExactly("demo.yaml:11 controls[1].id: must be printable text without spaces");
    }
}

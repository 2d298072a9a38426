package io.tenantra.compliance.content.wazuh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tenantra.compliance.content.ContentException;
import io.tenantra.compliance.content.ContentProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Files that cannot be imported: every problem is reported at once, each with file, line and field. */
class WazuhImportErrorsTest {

    private static List<ContentProblem> problems(String yaml) {
        ContentException e =
                catchThrowableOfType(ContentException.class, () -> WazuhPolicyImporter.parse("bad.yml", yaml));
        assertThat(e).as("expected the import to fail").isNotNull();
        assertThat(e.problems()).allSatisfy(p -> {
            assertThat(p.kind()).isEqualTo(ContentProblem.Kind.ERROR);
            assertThat(p.location().file()).isEqualTo("bad.yml");
        });
        return e.problems();
    }

    @Test
    void malformedYamlNamesTheLine() {
        List<ContentProblem> problems = problems("policy:\n  id: x\n  name: [unclosed\nchecks: []\n");
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(4);
            assertThat(p.message()).startsWith("not valid YAML");
        });
    }

    @Test
    void anEmptyFileOrAListIsNotAPolicy() {
        assertThat(problems(""))
                .singleElement()
                .satisfies(p -> assertThat(p.message()).contains("empty"));
        assertThat(problems("- a\n- b\n")).singleElement().satisfies(p -> {
            assertThat(p.location().line()).isEqualTo(1);
            assertThat(p.message()).contains("mapping");
        });
    }

    @Test
    void missingPolicyFieldsAndChecksAreReportedTogether() {
        List<ContentProblem> problems = problems("policy:\n  description: no id, no name\nchecks: {}\n");
        assertThat(problems)
                .extracting(p -> p.location().field())
                .containsExactly("policy.id", "policy.name", "checks");
        assertThat(problems).extracting(p -> p.location().line()).containsExactly(2, 2, 3);
    }

    @Test
    void everyBrokenCheckIsReportedWithItsField() {
        String yaml = """
                policy:
                  id: broken
                  name: Broken
                variables:
                  sshd: /etc/ssh
                checks:
                  - id: 1
                    title: no condition
                    rules: ['f:/etc/passwd']
                  - id: 2
                    title: bad condition
                    condition: most
                    rules: ['f:/etc/passwd']
                  - id: 3
                    condition: all
                    rules: ['f:/etc/passwd']
                  - id: 4
                    title: no rules
                    condition: all
                    rules: []
                  - id: 5
                    title: a rule that is not text
                    condition: all
                    rules: [{f: /etc/passwd}]
                  - id: 1
                    title: repeated id
                    condition: any
                    condition: all
                    rules: ['f:/etc/passwd']
                """;
        List<ContentProblem> problems = problems(yaml);
        assertThat(problems)
                .extracting(p -> p.location().line() + " " + p.location().field())
                .containsExactly(
                        "5 variables.sshd",
                        "7 checks[0].condition",
                        "12 checks[1].condition",
                        "14 checks[2].title",
                        "20 checks[3].rules",
                        "24 checks[4].rules[0]",
                        "28 checks[5].condition",
                        "25 checks[5].id");
        assertThat(problems.get(0).message()).contains("starts with '$'");
        assertThat(problems.get(2).message()).contains("all, any or none");
        assertThat(problems.get(6).message()).contains("repeated");
        assertThat(problems.get(7).message()).contains("'1' is repeated");
    }

    @Test
    void quirksOfPublicPoliciesThatWazuhAcceptsAreRead() {
        String yaml = """
                policy: {id: quirks, name: Quirks}
                variables:
                  $main-conf: /etc/httpd/conf/httpd.conf
                checks:
                  - id: 1
                    name: q
                    remediation: "Edit \\/etc\\/audit\\/rules.d\\/ and reload."
                    references:
                      - Apache Documentation: https://httpd.apache.org/docs/
                      - https://example.org/plain
                    condition: all
                    rules: ['f:$main-conf -> r:^ServerTokens Prod']
                """;
        var check = WazuhPolicyImporter.parse("quirks.yml", yaml).checks().get(0);
        assertThat(check.remediation().text()).isEqualTo("Edit /etc/audit/rules.d/ and reload.");
        assertThat(check.references())
                .containsExactly("Apache Documentation: https://httpd.apache.org/docs/", "https://example.org/plain");
        assertThat(WazuhTestPolicies.probeRule(check.rules().get(0)).probe().targets())
                .containsExactly("/etc/httpd/conf/httpd.conf");
    }

    @Test
    void aRequirementsSectionNeedsAConditionAndRules() {
        String yaml = """
                policy: {id: p, name: P}
                requirements:
                  title: nothing to check
                checks:
                  - {id: 1, title: t, condition: all, rules: ['f:/etc/passwd']}
                """;
        assertThat(problems(yaml))
                .extracting(p -> p.location().field())
                .containsExactly("requirements.condition", "requirements.rules");
    }
}

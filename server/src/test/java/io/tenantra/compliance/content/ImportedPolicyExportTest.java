package io.tenantra.compliance.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.model.ContentTest;
import io.tenantra.model.ContentTestKind;
import io.tenantra.model.ProbeKind;
import io.tenantra.model.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A policy as the Wazuh SCA importer builds it (SCA rule texts, {@code $name} variables, no
 * severity, unsupported checks, requirements) is written in our format and reads back with the
 * same rules, probes (same ids) and mappings.
 */
class ImportedPolicyExportTest {

    private static Policy imported() {
        ProbeRule permitRoot = new ProbeRule(
                Probes.probe(
                        ProbeKind.FILE,
                        List.of("/etc/ssh/sshd_config"),
                        null,
                        null,
                        List.of(ContentTest.regex("^\\s*PermitRootLogin\\s+no")),
                        false,
                        0),
                false,
                "f:$sshd_file -> r:^\\s*PermitRootLogin\\s+no");
        ProbeRule maxTries = new ProbeRule(
                Probes.probe(
                        ProbeKind.COMMAND,
                        List.of("sshd -T"),
                        null,
                        null,
                        List.of(new ContentTest(true, ContentTestKind.NUMERIC, "maxauthtries\\s+(\\d+)", ">", "4")),
                        false,
                        Probes.DEFAULT_COMMAND_TIMEOUT),
                true,
                "not c:sshd -T -> !n:maxauthtries\\s+(\\d+) compare > 4");
        ProbeRule registry = new ProbeRule(
                Probes.probe(
                        ProbeKind.REGISTRY,
                        List.of("HKLM\\SOFTWARE\\Policies\\X"),
                        null,
                        "Enabled",
                        List.of(new ContentTest(false, ContentTestKind.LITERAL, "1", null, null)),
                        false,
                        0),
                false,
                "r:HKLM\\SOFTWARE\\Policies\\X -> Enabled -> 1");
        ProbeRule literalDollar = new ProbeRule(
                Probes.probe(ProbeKind.COMMAND, List.of("echo ${HOME}"), null, null, List.of(), true, 5), false, null);
        Check ssh = new Check(
                "28500",
                1,
                "Ensure SSH root login is disabled",
                "d",
                "r",
                null,
                new Applicability(Set.of(), Set.of(), null, List.of(), List.of(), null),
                Condition.ALL,
                List.of(permitRoot, maxTries, registry, literalDollar),
                new Remediation("Edit sshd_config", List.of()),
                List.of("https://www.cisecurity.org/"),
                Map.of(
                        "cis",
                        List.of("5.2.10"),
                        "pci_dss_v4.0",
                        List.of("2.2.6", "8.2.1"),
                        "mitre_techniques",
                        List.of("T1078")),
                List.of(),
                new SourceLocation("cis_debian12.yml", 40, "checks[0]"));
        Check unsupported = new Check(
                "28501",
                1,
                "Uses an unknown rule",
                null,
                null,
                null,
                null,
                Condition.ANY,
                List.of(permitRoot),
                null,
                null,
                null,
                List.of("line 61: rule type 'x:' is not supported"),
                new SourceLocation("cis_debian12.yml", 55, "checks[1]"));
        Applicability requirements = new Applicability(
                Set.of(),
                Set.of(),
                null,
                List.of(),
                List.of(),
                new Applicability.Requirement(
                        "Check Debian version",
                        Condition.ANY,
                        List.of(new ProbeRule(
                                Probes.probe(
                                        ProbeKind.FILE,
                                        List.of("/etc/debian_version"),
                                        null,
                                        null,
                                        List.of(ContentTest.regex("^12")),
                                        false,
                                        0),
                                false,
                                "f:/etc/debian_version -> r:^12"))));
        return new Policy(
                "cis_debian12",
                "1.0.0",
                "CIS Debian 12",
                "imported",
                PolicyOrigin.IMPORTED_WAZUH,
                requirements,
                Map.of("$sshd_file", "/etc/ssh/sshd_config"),
                List.of(ssh, unsupported),
                List.of(new ContentProblem(
                        ContentProblem.Kind.UNSUPPORTED,
                        unsupported.location(),
                        "line 61: rule type 'x:' is not supported")));
    }

    @Test
    void anImportedPolicyIsWrittenAndReadBackWithTheSameRules() {
        Policy policy = imported();
        String written = CheckFormat.write(policy);
        Policy again = CheckFormat.parse("cis_debian12.tenantra.yaml", written, PolicyOrigin.IMPORTED_TENANTRA);
        assertThat(again.id()).isEqualTo("cis_debian12");
        assertThat(again.requirements()).isEqualTo(policy.requirements());
        assertThat(again.variables()).isEqualTo(Map.of("sshd_file", "/etc/ssh/sshd_config"));
        List<Rule> rules = again.checks().get(0).rules();
        assertThat(rules.subList(0, 3)).isEqualTo(policy.checks().get(0).rules().subList(0, 3));
        // A rule imported without text gets the text derived from it; its probe (and id) is unchanged.
        ProbeRule echo = (ProbeRule) rules.get(3);
        assertThat(echo.probe())
                .isEqualTo(((ProbeRule) policy.checks().get(0).rules().get(3)).probe());
        assertThat(echo.text()).isEqualTo("command:echo ${HOME} (shell)");
        assertThat(again.checks().get(0).frameworks())
                .isEqualTo(policy.checks().get(0).frameworks());
        assertThat(again.checks().get(0).severity()).isEqualTo(Severity.MEDIUM);
        assertThat(again.checks().get(1).unsupported())
                .isEqualTo(policy.checks().get(1).unsupported());
        assertThat(again.checks().get(1).rules())
                .isEqualTo(policy.checks().get(1).rules());
        assertThat(again.problems())
                .extracting(ContentProblem::message)
                .containsExactly("line 61: rule type 'x:' is not supported");
        assertThat(written)
                .contains("text: f:$sshd_file -> r:^\\s*PermitRootLogin\\s+no")
                .contains("echo $${HOME}");
    }
}

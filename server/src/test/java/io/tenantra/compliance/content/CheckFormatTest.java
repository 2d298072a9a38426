package io.tenantra.compliance.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.model.ContentTest;
import io.tenantra.model.ContentTestKind;
import io.tenantra.model.ProbeKind;
import io.tenantra.model.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading and writing {@code tenantra/checks@1}: what a valid file becomes, and the round trip. */
class CheckFormatTest {

    private final Policy policy = ContentFixtures.parse("every-construct.yaml");

    private Check check(String id) {
        return policy.checks().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void readsThePolicyHeaderAndItsRequirements() {
        assertThat(policy.id()).isEqualTo("test-every-construct");
        assertThat(policy.version()).isEqualTo("2026.12.0");
        assertThat(policy.description()).isEqualTo("Multi-line description\nof the test policy.\n");
        assertThat(policy.origin()).isEqualTo(PolicyOrigin.BUILT_IN);
        assertThat(policy.requirements().osFamilies()).containsExactly("linux");
        Applicability.Requirement requirement = policy.requirements().requirement();
        assertThat(requirement.title()).isEqualTo("os-release present");
        assertThat(requirement.condition()).isEqualTo(Condition.ANY);
        ProbeRule probe = (ProbeRule) requirement.rules().get(0);
        assertThat(probe.probe().targets()).containsExactly("/etc/os-release", "/usr/lib/os-release");
        assertThat(policy.variables()).containsEntry("sshd_config", "/etc/ssh/sshd_config");
        assertThat(policy.checks()).hasSize(5);
    }

    @Test
    void readsEveryFieldOfACheck() {
        Check ssh = check("tn-ssh-root-login");
        assertThat(ssh.version()).isEqualTo(2);
        assertThat(ssh.severity()).isEqualTo(Severity.HIGH);
        assertThat(ssh.rationale()).isEqualTo("Shared root logins cannot be attributed.");
        assertThat(ssh.applicability().osIds()).containsExactlyInAnyOrder("debian", "ubuntu");
        assertThat(ssh.applicability().osVersion()).isEqualTo(">=12");
        assertThat(ssh.applicability().packages()).containsExactly("openssh-server");
        assertThat(ssh.applicability().files()).containsExactly("/etc/ssh/sshd_config");
        assertThat(ssh.remediation().commands()).hasSize(2).last().isEqualTo("systemctl reload ssh");
        assertThat(ssh.references()).containsExactly("https://man.openbsd.org/sshd_config");
        assertThat(ssh.frameworks())
                .isEqualTo(Map.of("tenantra-linux-l1", List.of("5.2.7"), "nist-800-53-r5", List.of("AC-6(2)", "CM-6")));
        assertThat(ssh.location().line()).isEqualTo(21);
        assertThat(ssh.location().field()).isEqualTo("checks[0]");
        FactRule fact = (FactRule) ssh.rules().get(0);
        assertThat(fact.module()).isEqualTo("config");
        assertThat(fact.test()).isEqualTo(new AttributeTest("value", Operator.EQUALS, "no"));
        assertThat(fact.whenMissing()).isEqualTo(FactRule.MissingItems.FAIL);
        assertThat(fact.text()).isEqualTo("sshd_setting[permitrootlogin]: value equals \"no\"");
        ProbeRule banner = (ProbeRule) ssh.rules().get(1);
        assertThat(banner.negated()).isTrue();
        assertThat(banner.text()).isEqualTo("banner does not leak the version");
        assertThat(banner.probe().targets()).containsExactly("/etc/issue.net");
        assertThat(banner.probe().tests()).containsExactly(ContentTest.regex("\\\\v"));
    }

    @Test
    void readsOperatorValuesWithTheirTypes() {
        FactRule forwarding = (FactRule) check("tn-sysctl-forwarding").rules().get(0);
        assertThat(forwarding.test().expected()).isEqualTo(0L);
        FactRule conf = (FactRule) check("tn-sysctl-forwarding").rules().get(1);
        assertThat(conf.keyPattern()).isEqualTo("^net\\.ipv4\\.conf\\.");
        assertThat(conf.where())
                .containsExactly(
                        new AttributeTest("scope", Operator.EQUALS, "saved"),
                        new AttributeTest("source", Operator.MATCHES, "sysctl\\.d"));
        assertThat(conf.test().expected()).isEqualTo(List.of(0L, "off"));
        assertThat(conf.expect()).isEqualTo(Quantifier.ANY);
        assertThat(conf.whenMissing()).isEqualTo(FactRule.MissingItems.NOT_APPLICABLE);
        FactRule telnet = (FactRule) check("tn-no-telnet").rules().get(0);
        assertThat(telnet.test()).isNull();
        assertThat(telnet.expect()).isEqualTo(Quantifier.ALL);
        List<Rule> rules = check("tn-every-probe").rules();
        assertThat(((FactRule) rules.get(6)).test()).isEqualTo(new AttributeTest("locked", Operator.EXISTS, null));
        assertThat(((FactRule) rules.get(10)).test().expected()).isEqualTo(7.5);
        assertThat(((FactRule) rules.get(11)).test().expected()).isEqualTo("000");
    }

    @Test
    void readsEveryProbeKindAndLineTest() {
        List<Rule> rules = check("tn-every-probe").rules();
        var directory = ((ProbeRule) rules.get(0)).probe();
        assertThat(directory.kind()).isEqualTo(ProbeKind.DIRECTORY);
        assertThat(directory.namePattern()).isEqualTo("^[a-z]+$");
        assertThat(directory.tests())
                .containsExactly(
                        new ContentTest(false, ContentTestKind.LITERAL, "SHELL=/bin/sh", null, null),
                        new ContentTest(true, ContentTestKind.REGEX, "^#", null, null));
        var command = ((ProbeRule) rules.get(1)).probe();
        assertThat(command.kind()).isEqualTo(ProbeKind.COMMAND);
        assertThat(command.timeoutSeconds()).isEqualTo(10);
        assertThat(command.shell()).isFalse();
        assertThat(command.tests())
                .containsExactly(new ContentTest(false, ContentTestKind.NUMERIC, "maxauthtries (\\d+)", "<=", "4"));
        var shell = ((ProbeRule) rules.get(2)).probe();
        assertThat(shell.targets()).containsExactly("echo ${HOME} | wc -c");
        assertThat(shell.shell()).isTrue();
        assertThat(shell.timeoutSeconds()).isEqualTo(Probes.DEFAULT_COMMAND_TIMEOUT);
        var registry = ((ProbeRule) rules.get(3)).probe();
        assertThat(registry.registryValue()).isEqualTo("Enabled");
        assertThat(registry.tests())
                .containsExactly(new ContentTest(true, ContentTestKind.NUMERIC, "(\\d+)", "!=", "0"));
        assertThat(((ProbeRule) rules.get(4)).probe().kind()).isEqualTo(ProbeKind.FILE_STAT);
        assertThat(check("tn-every-probe").commandRules()).isTrue();
        assertThat(check("tn-ssh-root-login").commandRules()).isFalse();
        Check requirementCommand = CheckFormat.parse("r.yaml", """
                        format: tenantra/checks@1
                        policy: {id: r, version: "1", title: R}
                        checks:
                          - id: c
                            title: C
                            severity: low
                            applies: {requirements: {rules: [{probe: {command: "systemctl is-enabled ssh"}}]}}
                            rules: [{probe: {file: /etc/ssh/sshd_config}}]
                        """, PolicyOrigin.IMPORTED_TENANTRA)
                .checks()
                .get(0);
        assertThat(requirementCommand.commandRules()).isTrue();
        assertThat(Probes.of(check("tn-ssh-root-login")))
                .extracting(p -> p.targets().get(0))
                .containsExactly("/etc/ssh/sshd_config", "/etc/issue.net");
    }

    @Test
    void keepsUnsupportedChecksAndReportsThem() {
        Check unsupported = check("tn-imported-unsupported");
        assertThat(unsupported.supported()).isFalse();
        assertThat(unsupported.rules()).isEmpty();
        assertThat(policy.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ContentProblem.Kind.UNSUPPORTED);
            assertThat(p.location().toString()).isEqualTo("every-construct.yaml:96 checks[4].unsupported[0]");
        });
    }

    @Test
    void writesAFileThatReadsBackToTheSamePolicy() {
        String written = CheckFormat.write(policy);
        Policy again = CheckFormat.parse("exported.yaml", written, PolicyOrigin.BUILT_IN);
        assertThat(ContentFixtures.withoutLocations(again)).isEqualTo(ContentFixtures.withoutLocations(policy));
        assertThat(CheckFormat.write(again)).isEqualTo(written);
        assertThat(written)
                .startsWith("format: tenantra/checks@1\n")
                .contains("equals: 'no'")
                .contains("$${HOME}");
    }

    @Test
    void variablesAreSubstitutedInTargetsPatternsNamesValuesAndFiles() {
        Policy substituted = CheckFormat.parse("v.yaml", """
                format: tenantra/checks@1
                policy: {id: v, version: "1", title: V}
                variables: {dir: /etc/ssh, setting: PermitRootLogin, key: 'HKLM\\X', value_name: Enabled}
                checks:
                  - id: c
                    title: C
                    severity: low
                    applies: {files: ["${dir}/sshd_config"]}
                    rules:
                      - probe: {directory: "${dir}", names: "^${setting}$", lines: [{matches: '^\\s*${setting}\\s+no'}]}
                      - probe: {registry: "${key}", value: "${value_name}"}
                      - probe: {file: "/literal/$${dir}"}
                """, PolicyOrigin.IMPORTED_TENANTRA);
        Check check = substituted.checks().get(0);
        assertThat(check.applicability().files()).containsExactly("/etc/ssh/sshd_config");
        var directory = ((ProbeRule) check.rules().get(0)).probe();
        assertThat(directory.targets()).containsExactly("/etc/ssh");
        assertThat(directory.namePattern()).isEqualTo("^PermitRootLogin$");
        assertThat(directory.tests()).containsExactly(ContentTest.regex("^\\s*PermitRootLogin\\s+no"));
        var registry = ((ProbeRule) check.rules().get(1)).probe();
        assertThat(registry.targets()).containsExactly("HKLM\\X");
        assertThat(registry.registryValue()).isEqualTo("Enabled");
        assertThat(((ProbeRule) check.rules().get(2)).probe().targets()).containsExactly("/literal/${dir}");
        // The same definition reached through a variable or written out is the same probe.
        assertThat(directory.id())
                .isEqualTo(Probes.probe(
                                ProbeKind.DIRECTORY,
                                List.of("/etc/ssh"),
                                "^PermitRootLogin$",
                                null,
                                List.of(ContentTest.regex("^\\s*PermitRootLogin\\s+no")),
                                false,
                                0)
                        .id());
    }
}

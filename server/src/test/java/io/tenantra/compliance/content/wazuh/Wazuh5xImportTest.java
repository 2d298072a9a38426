package io.tenantra.compliance.content.wazuh;

import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.check;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.command;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.directory;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.file;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.lineOf;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.literal;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.notRegex;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.numeric;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.regex;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.Condition;
import io.tenantra.compliance.content.ContentProblem;
import io.tenantra.compliance.content.Policy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 5.x form, PCRE2 caseless: every construct becomes the exact probe rule Wazuh 5.x means. */
class Wazuh5xImportTest {

    private static final String FILE = "tenantra_test_5x.yml";
    private static final String SSHD = "/etc/ssh/sshd_config";
    private static final String CONF = "/etc/tenantra.conf";
    private final Policy policy = WazuhTestPolicies.parse(FILE);

    @Test
    void requirementsUseNameAndPcre2() {
        var requirement = policy.requirements().requirement();
        assertThat(requirement.title()).isEqualTo("Debian family");
        assertThat(requirement.condition()).isEqualTo(Condition.ALL);
        assertThat(requirement.rules())
                .containsExactly(
                        file(
                                false,
                                "f:/etc/os-release -> r:^ID_LIKE=.*debian|^ID=debian",
                                List.of("/etc/os-release"),
                                regex("(?i)^ID_LIKE=.*debian|^ID=debian")),
                        file(true, "not f:/etc/redhat-release", List.of("/etc/redhat-release")));
    }

    @Test
    void complianceMapAndMitreBlocksBecomeFrameworkMappings() {
        Check check = check(policy, "tenantra_test_5x-2001");
        assertThat(check.title()).isEqualTo("SSH allows at most four authentication attempts");
        assertThat(check.references()).containsExactly("https://man.openbsd.org/sshd_config#MaxAuthTries");
        assertThat(check.frameworks())
                .isEqualTo(Map.ofEntries(
                        Map.entry("cis-tenantra_test_5x", List.of("5.1.6")),
                        Map.entry("nist-800-53-r5", List.of("AC-7")),
                        // a four-level requirement id only exists in PCI DSS 4.0
                        Map.entry("pci-dss-4.0", List.of("8.3.4", "8.3.6.1")),
                        // Annex A numbering tells the two ISO editions apart
                        Map.entry("iso-27001-2013", List.of("A.12.1.1")),
                        Map.entry("iso-27001-2022", List.of("A.8.5")),
                        Map.entry("soc2-tsc", List.of("CC6.1")),
                        Map.entry("nis2", List.of("21.2.j")),
                        Map.entry("cmmc", List.of("AC.L1-3.1.1")),
                        Map.entry("gdpr", List.of("IV_32.1")),
                        Map.entry("hipaa", List.of("164.308(a)(5)(ii)(D)")),
                        Map.entry("fedramp", List.of("AC-7")),
                        Map.entry("nist-800-171", List.of("3.1.8")),
                        Map.entry("mitre-attack", List.of("TA0006", "T1110", "T1110.001"))));
    }

    @Test
    void aSingleNegatedTestMeansNoLineMatches() {
        assertThat(check(policy, "tenantra_test_5x-2001").rules())
                .containsExactly(
                        command(
                                false,
                                "c:sshd -T -> n:^maxauthtries\\s+(\\d+) compare <= 4",
                                "sshd -T",
                                false,
                                numeric("(?i)^maxauthtries\\s+(\\d+)", "<=", "4")),
                        // "no line sets MaxAuthTries to 5 or more": the positive test, rule inverted
                        file(
                                true,
                                "f:$sshd_config -> !r:^\\s*MaxAuthTries\\s+([5-9]|\\d{2,})",
                                List.of(SSHD),
                                regex("(?i)^\\s*MaxAuthTries\\s+([5-9]|\\d{2,})")));
    }

    @Test
    void contentLiteralsPcre2RewritesDirectoriesAndCommands() {
        assertThat(check(policy, "tenantra_test_5x-2002").rules())
                .containsExactly(
                        // 5.x compares a literal line exactly
                        file(
                                false,
                                "f:/proc/sys/net/ipv4/ip_forward -> 0",
                                List.of("/proc/sys/net/ipv4/ip_forward"),
                                literal("0")),
                        file(
                                true,
                                "not f:$sshd_config -> r:^\\s*PermitEmptyPasswords\\s+yes && !r:^\\s*#",
                                List.of(SSHD),
                                regex("(?i)^\\s*PermitEmptyPasswords\\s+yes"),
                                notRegex("(?i)^\\s*#")),
                        file(
                                false,
                                "f:/etc/tenantra.conf -> n:^value (\\d+) compare == 7",
                                List.of(CONF),
                                numeric("(?i)^value (\\d+)", "==", "7")),
                        file(
                                false,
                                "f:/etc/tenantra.conf -> r:[[:digit:]]+ [[:upper:]][^]x]",
                                List.of(CONF),
                                regex("(?i)[\\p{Digit}]+ [\\p{Alpha}][^\\]x]")),
                        file(
                                false,
                                "f:/etc/tenantra.conf -> r:(?P<v>a{2,3})\\.b{c}",
                                List.of(CONF),
                                regex("(?i)(?<v>a{2,3})\\.b\\{c\\}")),
                        // without a group 5.x compares the whole match
                        file(
                                false,
                                "f:/etc/tenantra.conf -> n:^limit \\d+ compare >= 10",
                                List.of(CONF),
                                numeric("(?i)(^limit \\d+)", ">=", "10")),
                        directory(
                                false,
                                "d:/etc/sudoers.d -> !r:^# && r:.* -> r:NOPASSWD",
                                "/etc/sudoers.d",
                                "(?i)^(?!.*?(?:^#))(?=.*?(?:.*))",
                                regex("(?i)NOPASSWD")),
                        directory(
                                false,
                                "d:/etc/modprobe.d -> r:\\.conf$ -> r:^blacklist\\s+cramfs",
                                "/etc/modprobe.d",
                                "(?i)\\.conf$",
                                regex("(?i)^blacklist\\s+cramfs")),
                        directory(
                                false,
                                "d:/etc/cron.d -> backup -> r:root",
                                "/etc/cron.d",
                                "^\\Qbackup\\E$",
                                regex("(?i)root")),
                        command(
                                false,
                                "c:stat -Lc \"%n %a\" /etc/shadow -> r:^/etc/shadow 0$",
                                "stat -Lc '%n %a' /etc/shadow",
                                true,
                                regex("(?i)^/etc/shadow 0$")),
                        file(
                                true,
                                "f:/etc/tenantra.conf -> !n:^retries (\\d+) compare > 3",
                                List.of(CONF),
                                numeric("(?i)^retries (\\d+)", ">", "3")));
    }

    @Test
    void rulesFiveXCannotRunAsWrittenAreUnsupported() {
        Check check = check(policy, "tenantra_test_5x-2003");
        assertThat(check.supported()).isFalse();
        assertThat(check.rules()).containsExactly(file(false, "f:/etc/hosts", List.of("/etc/hosts")));
        assertThat(policy.problems())
                .extracting(p -> p.location().line())
                .containsExactly(
                        lineOf(FILE, "foo && r:bar"),
                        lineOf(FILE, "compare => 3"),
                        lineOf(FILE, "(?|a|b)"),
                        lineOf(FILE, "a\\Kb"),
                        lineOf(FILE, "'NOT f:"),
                        lineOf(FILE, "r:.* -> !r:^#"));
        assertThat(policy.problems())
                .extracting(ContentProblem::message)
                .satisfiesExactly(
                        m -> assertThat(m).contains("one literal line"),
                        m -> assertThat(m).contains("5.x accepts only"),
                        m -> assertThat(m).contains("group construct"),
                        m -> assertThat(m).contains("\\K has no Java equivalent"),
                        m -> assertThat(m).contains("unknown rule type 'NOT f:'"),
                        m -> assertThat(m).contains("over several files"));
        assertThat(policy.checks().stream().filter(c -> !c.supported()).map(Check::id))
                .containsExactly("tenantra_test_5x-2003");
    }
}

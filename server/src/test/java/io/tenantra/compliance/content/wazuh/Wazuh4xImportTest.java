package io.tenantra.compliance.content.wazuh;

import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.check;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.command;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.directory;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.file;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.lineOf;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.notRegex;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.numeric;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.process;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.regex;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.Condition;
import io.tenantra.compliance.content.ContentProblem;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.content.PolicyOrigin;
import io.tenantra.model.Severity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The 4.x form, OS_Regex by default: every construct becomes the exact probe rule Wazuh means. */
class Wazuh4xImportTest {

    private static final String FILE = "tenantra_test_4x.yml";
    private static final String WORD = "[-0-9@A-Z_a-z]";
    private static final String SSHD = "/etc/ssh/sshd_config";
    private final Policy policy = WazuhTestPolicies.parse(FILE);

    @Test
    void policyHeaderRequirementsAndVariables() {
        assertThat(policy.id()).isEqualTo("tenantra_test_4x");
        assertThat(policy.title()).isEqualTo("Tenantra test policy (Wazuh 4.x form)");
        assertThat(policy.description()).isEqualTo("Exercises every 4.x construct the importer reads.");
        assertThat(policy.origin()).isEqualTo(PolicyOrigin.IMPORTED_WAZUH);
        assertThat(policy.version()).matches("sha256-[0-9a-f]{16}");
        assertThat(policy.variables())
                .containsEntry("$sshd_file", SSHD)
                .containsEntry("$sshd", "/etc/ssh")
                .containsEntry("$os_release", "/etc/os-release")
                .hasSize(4);
        var requirement = policy.requirements().requirement();
        assertThat(requirement.title()).isEqualTo("Linux host with os-release");
        assertThat(requirement.condition()).isEqualTo(Condition.ANY);
        assertThat(requirement.rules())
                .containsExactly(
                        // 4.x compares literal lines ignoring case
                        file(
                                false,
                                "f:/proc/sys/kernel/ostype -> Linux",
                                List.of("/proc/sys/kernel/ostype"),
                                regex("(?i)^\\QLinux\\E$")),
                        file(
                                false,
                                "f:$os_release -> r:^ID=\\w+",
                                List.of("/etc/os-release"),
                                regex("(?i)^ID=" + WORD + "+")));
    }

    @Test
    void checkFieldsAndFrameworkMappings() {
        Check check = check(policy, "tenantra_test_4x-1001");
        assertThat(check.title()).isEqualTo("SSH does not permit root login");
        assertThat(check.description()).isEqualTo("Root logs in through su or sudo only.");
        assertThat(check.rationale()).isEqualTo("A direct root login leaves no trace of who used it.");
        assertThat(check.remediation().text()).isEqualTo("Set PermitRootLogin no in sshd_config.");
        assertThat(check.references()).containsExactly("https://man.openbsd.org/sshd_config");
        assertThat(check.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(check.version()).isEqualTo(1);
        assertThat(check.condition()).isEqualTo(Condition.ALL);
        assertThat(check.location().line()).isEqualTo(lineOf(FILE, "id: 1001"));
        assertThat(check.frameworks())
                .isEqualTo(Map.of(
                        "cis-tenantra_test_4x", List.of("5.2.7"),
                        "cis-controls-v8", List.of("5.4"),
                        "nist-800-53-r5", List.of("AC-6(2)", "CM-6", "AC-17"),
                        "pci-dss-3.2.1", List.of("2.2.4"),
                        "iso-27001-2013", List.of("A.9.2.3"),
                        "gdpr", List.of("32.2"),
                        "hipaa", List.of("164.312.a.1"),
                        "soc2-tsc", List.of("CC6.1"),
                        "mitre-attack", List.of("T1078")));
    }

    @Test
    void fileRulesWithNegationAndAndedContent() {
        assertThat(check(policy, "tenantra_test_4x-1001").rules())
                .containsExactly(
                        file(
                                false,
                                "f:$sshd_file -> !r:^# && r:PermitRootLogin\\s+no",
                                List.of(SSHD),
                                notRegex("(?i)^#"),
                                regex("(?i)PermitRootLogin +no")),
                        file(
                                true,
                                "not f:$sshd_file -> r:^PermitRootLogin\\s+yes$",
                                List.of(SSHD),
                                regex("(?i)^PermitRootLogin +yes$")));
    }

    @Test
    void numericComparisonsWithEveryOperatorAndFileLists() {
        String digits = "([0-9]+)";
        assertThat(check(policy, "tenantra_test_4x-1002").rules())
                .containsExactly(
                        file(
                                false,
                                "f:$pam_files -> r:pam_pwhistory.so && n:remember=(\\d+) compare >= 5",
                                List.of("/etc/pam.d/common-password", "/etc/pam.d/system-auth"),
                                regex("(?i)pam_pwhistory\\.so"),
                                numeric("(?i)remember=" + digits, ">=", "5")),
                        file(
                                false,
                                "f:/etc/login.defs -> n:^PASS_MAX_DAYS\\s+(\\d+) compare <= 365",
                                List.of("/etc/login.defs"),
                                numeric("(?i)^PASS_MAX_DAYS +" + digits, "<=", "365")),
                        file(
                                false,
                                "f:/etc/security/opasswd -> n:^\\w+:(\\d+) compare != 0",
                                List.of("/etc/security/opasswd"),
                                numeric("(?i)^" + WORD + "+:" + digits, "!=", "0")),
                        // 4.x reads a lone '=' as '=='
                        file(
                                false,
                                "f:/etc/tenantra.conf -> n:^level=(\\d+) compare = 1",
                                List.of("/etc/tenantra.conf"),
                                numeric("(?i)^level=" + digits, "==", "1")),
                        file(
                                false,
                                "f:/etc/tenantra.conf -> n:^(\\d+) compare < 3",
                                List.of("/etc/tenantra.conf"),
                                numeric("(?i)^" + digits, "<", "3")),
                        file(
                                false,
                                "f:/etc/tenantra.conf -> n:^(\\d+) compare > 3",
                                List.of("/etc/tenantra.conf"),
                                numeric("(?i)^" + digits, ">", "3")),
                        // 4.x stock content escaped the operator: '\!=' is '!='
                        file(
                                false,
                                "f:/etc/tenantra.conf -> n:^limit=(\\d+) compare \\!= 2",
                                List.of("/etc/tenantra.conf"),
                                numeric("(?i)^limit=" + digits, "!=", "2")));
    }

    @Test
    void directoriesProcessesAndCommands() {
        // file-name regexes are always OS_Regex in 4.x, where "\\." is any character
        Check check = check(policy, "tenantra_test_4x-1003");
        assertThat(check.condition()).isEqualTo(Condition.NONE);
        assertThat(check.commandRules()).isTrue();
        assertThat(check.rules())
                .containsExactly(
                        directory(
                                false,
                                "d:/etc/cron.d -> r:^\\w+\\.conf$ -> r:\\p",
                                "/etc/cron.d",
                                "(?i)^" + WORD + "+(?s:.)conf$",
                                regex("(?i)[!\"#$%\\&'()*+,\\-.:;<=>?\\[\\]{|}]")),
                        // 4.x matches a plain file name as a case-insensitive substring (OS_Match)
                        directory(
                                false,
                                "d:$sshd -> sshd_config -> r:X11Forwarding\\s+yes",
                                "/etc/ssh",
                                "(?i)\\Qsshd_config\\E",
                                regex("(?i)X11Forwarding +yes")),
                        directory(false, "d:/etc/cron.hourly", "/etc/cron.hourly", null),
                        process(false, "p:avahi-daemon", "avahi-daemon"),
                        command(
                                false,
                                "c:systemctl is-enabled cups -> r:^enabled",
                                "systemctl is-enabled cups",
                                false,
                                regex("(?i)^enabled")),
                        // Wazuh's own word splitting, re-quoted so /bin/sh hands over the same words
                        command(
                                false,
                                "c:stat -Lc \"%a %U\" /etc/passwd -> 644 root",
                                "stat -Lc '%a %U' /etc/passwd",
                                true,
                                regex("(?i)^\\Q644 root\\E$")),
                        command(
                                false,
                                "c:sh -c \"ls /etc | wc -l\" -> n:^(\\d+) compare > 0",
                                "sh -c 'ls /etc | wc -l'",
                                true,
                                numeric("(?i)^([0-9]+)", ">", "0")),
                        process(true, "NOT p:telnetd", "telnetd"));
    }

    @Test
    void osRegexConstructsTranslateToTheirJavaMeaning() {
        String issue = "/etc/issue";
        assertThat(check(policy, "tenantra_test_4x-1004").rules())
                .containsExactly(
                        file(
                                false,
                                "f:/etc/issue -> r:\\d\\D\\w\\W\\s\\S\\t\\.\\(\\)\\\\\\$\\|\\<",
                                List.of(issue),
                                regex("(?i)[0-9][^0-9]" + WORD + "[^-0-9@A-Z_a-z] [^ ]\\t(?s:.)\\(\\)\\\\\\$\\|<")),
                        file(
                                false,
                                "f:/etc/issue -> r:a+b*c.d?e[f]{g}",
                                List.of(issue),
                                regex("(?i)a\\+b\\*c\\.d\\?e\\[f\\]\\{g\\}")),
                        file(false, "f:/etc/issue -> r:^one|two$", List.of(issue), regex("(?i)^one|two$")),
                        file(false, "f:/etc/issue -> r:\\w+ \\d*x", List.of(issue), regex("(?i)" + WORD + "+ [0-9]*x")),
                        // 4.x: a single '!r:' asks for a line that does not match (no inversion)
                        file(false, "f:/etc/issue -> !r:^\\s*#", List.of(issue), notRegex("(?i)^ *#")));
    }

    @Test
    void aCheckWithRegexTypePcre2UsesCaseSensitivePcre2() {
        assertThat(check(policy, "tenantra_test_4x-1005").rules())
                .containsExactly(file(
                        false,
                        "f:$sshd_file -> r:^MaxAuthTries\\s+[0-4]$",
                        List.of(SSHD),
                        regex("^MaxAuthTries\\s+[0-4]$")));
    }

    @Test
    void unsupportedRulesAreReportedWithTheirLinesAndMarkOnlyTheirCheck() {
        Check check = check(policy, "tenantra_test_4x-1006");
        assertThat(check.supported()).isFalse();
        assertThat(check.rules())
                .containsExactly(
                        file(false, "f:/etc/hosts -> r:localhost", List.of("/etc/hosts"), regex("(?i)localhost")));
        assertThat(policy.checks().stream().filter(c -> !c.supported()).map(Check::id))
                .containsExactly("tenantra_test_4x-1006");

        List<ContentProblem> problems = policy.problems();
        assertThat(problems).allSatisfy(p -> assertThat(p.kind()).isEqualTo(ContentProblem.Kind.UNSUPPORTED));
        assertThat(problems)
                .extracting(p -> p.location().line())
                .containsExactly(
                        lineOf(FILE, "r:\\k'"),
                        lineOf(FILE, "r:((a))"),
                        lineOf(FILE, "compare => 5"),
                        lineOf(FILE, "'x:/etc/issue'"),
                        lineOf(FILE, "c:cat /etc/passwd"),
                        lineOf(FILE, "'!f:/etc/issue'"),
                        lineOf(FILE, "$undefined_file"),
                        lineOf(FILE, "r:a &&  && r:b"));
        assertThat(problems)
                .extracting(p -> p.location().field())
                .containsExactly(
                        "checks[5].rules[0]",
                        "checks[5].rules[1]",
                        "checks[5].rules[2]",
                        "checks[5].rules[3]",
                        "checks[5].rules[4]",
                        "checks[5].rules[5]",
                        "checks[5].rules[6]",
                        "checks[5].rules[7]");
        assertThat(problems)
                .extracting(ContentProblem::message)
                .satisfiesExactly(
                        m -> assertThat(m).contains("check 1006").contains("no escape \\k"),
                        m -> assertThat(m).contains("one level of parentheses"),
                        m -> assertThat(m).contains("'=>'").contains("first character"),
                        m -> assertThat(m).contains("unknown rule type 'x:'"),
                        m -> assertThat(m).contains("without a shell").contains("'|'"),
                        m -> assertThat(m).contains("not a negation"),
                        m -> assertThat(m).contains("does not define").contains("$undefined_file"),
                        m -> assertThat(m).contains("empty test"));
        assertThat(check.unsupported()).hasSize(8);
        assertThat(check.unsupported().get(0))
                .startsWith("line " + lineOf(FILE, "r:\\k'") + " checks[5].rules[0]: 'f:/etc/issue -> r:\\k'");
    }
}

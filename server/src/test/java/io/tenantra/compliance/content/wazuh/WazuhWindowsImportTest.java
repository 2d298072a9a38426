package io.tenantra.compliance.content.wazuh;

import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.check;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.command;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.lineOf;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.numeric;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.regex;
import static io.tenantra.compliance.content.wazuh.WazuhTestPolicies.registry;
import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.content.Policy;
import org.junit.jupiter.api.Test;

/** Registry rules, and commands of a Windows policy (handed to Windows unchanged). */
class WazuhWindowsImportTest {

    private static final String FILE = "tenantra_test_windows.yml";
    private static final String LSA = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Lsa";
    private final Policy policy = WazuhTestPolicies.parse(FILE);

    @Test
    void registryKeysValuesAndDataBecomeRegistryProbes() {
        assertThat(policy.requirements().requirement().rules())
                .containsExactly(registry(
                        false,
                        "r:HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion -> ProductName -> r:^Windows",
                        "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion",
                        "ProductName",
                        regex("(?i)^Windows")));
        assertThat(check(policy, "tenantra_test_windows-3001").rules())
                .containsExactly(
                        registry(false, "r:" + LSA, LSA, null),
                        registry(false, "r:" + LSA + " -> LimitBlankPasswordUse", LSA, "LimitBlankPasswordUse"),
                        // registry data compares ignoring case in Wazuh
                        registry(
                                false,
                                "r:" + LSA + " -> LimitBlankPasswordUse -> 1",
                                LSA,
                                "LimitBlankPasswordUse",
                                regex("(?i)^\\Q1\\E$")),
                        registry(
                                true,
                                "not r:HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services -> fAllowToGetHelp"
                                        + " -> n:^(\\d+) compare != 0",
                                "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services",
                                "fAllowToGetHelp",
                                numeric("(?i)^([0-9]+)", "!=", "0")),
                        // PowerShell reads '|' itself; Windows commands keep their command line
                        command(
                                false,
                                "c:powershell Get-LocalUser | Select-Object Name -> r:Administrator",
                                "powershell Get-LocalUser | Select-Object Name",
                                false,
                                regex("(?i)Administrator")));
    }

    @Test
    void valueNamePatternsAreUnsupported() {
        assertThat(policy.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.location().line()).isEqualTo(lineOf(FILE, "-> r:^Legacy"));
            assertThat(problem.message()).contains("registry value names are matched by name");
        });
        assertThat(check(policy, "tenantra_test_windows-3001").supported()).isFalse();
    }
}

package io.tenantra.compliance.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.content.BuiltInContent;
import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.evaluation.CheckResult;
import io.tenantra.compliance.evaluation.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The comparison behind docs/compliance.md "Agreement with OpenSCAP and Lynis on a real host":
 * how OpenSCAP and Lynis output is read, when a row agrees, and that the pairing file names only
 * built-in checks that exist (so a renamed check cannot silently drop out of the comparison).
 */
class SharedChecksTest {

    @TempDir
    Path dir;

    @Test
    void everyPairingNamesAnExistingBuiltInCheckAndEveryDifferenceHasAReasonColumn() throws Exception {
        Set<String> builtIn = new BuiltInContent()
                .policies().stream()
                        .flatMap(p -> p.checks().stream())
                        .map(Check::id)
                        .collect(Collectors.toSet());
        List<SharedChecks.Pairing> pairings = SharedChecks.mapping();
        assertThat(pairings).hasSizeGreaterThan(100);
        assertThat(pairings).allSatisfy(p -> assertThat(builtIn).contains(p.ours()));
        assertThat(pairings.stream().map(SharedChecks.Pairing::ours)).doesNotHaveDuplicates();
    }

    @Test
    void readsOpenScapResultsAndLynisFindings() throws Exception {
        Path xml = dir.resolve("results.xml");
        Files.writeString(xml, """
                <rule-result idref="xccdf_org.ssgproject.content_rule_file_owner_etc_passwd" role="full">
                  <result>pass</result>
                </rule-result>
                <rule-result idref="xccdf_org.ssgproject.content_rule_sysctl_fs_suid_dumpable" role="full">
                  <result>notapplicable</result>
                </rule-result>
                """);
        assertThat(SharedChecks.openScap(xml))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("file_owner_etc_passwd", "pass", "sysctl_fs_suid_dumpable", "notapplicable"));

        Path report = dir.resolve("report.dat");
        Files.writeString(report, """
                suggestion[]=AUTH-9286|Configure maximum password age in /etc/login.defs|-|-|
                warning[]=PKGS-7392|Found one or more vulnerable packages.|-|-|
                """);
        Path log = dir.resolve("lynis.log");
        Files.writeString(log, """
                2026-12-03 12:47:20 Performing test ID AUTH-9286 (Checking user password aging)
                2026-12-03 12:47:20 Performing test ID AUTH-9204 (Check users with an UID of zero)
                2026-12-03 12:47:20 ====
                2026-12-03 12:47:20 Performing test ID TIME-3104 (Check for running NTP daemon or client)
                2026-12-03 12:47:20 Result: Skipping display warning, as virtual machines usually don't need time sync
                2026-12-03 12:47:20 ====
                2026-12-03 12:47:20 Performing test ID TIME-3106 (Check systemd NTP time synchronization status)
                2026-12-03 12:47:20 ====
                2026-12-03 12:47:20 Skipped test SSH-7408 (Check SSH specific defined options)
                2026-12-03 12:47:20 Result: sysctl key fs.protected_fifos has a different value than expected in scan profile. Expected=2, Real=0
                2026-12-03 12:47:20 Result: sysctl key fs.protected_hardlinks contains equal expected and current value (1)
                """);
        SharedChecks.Lynis lynis = SharedChecks.lynis(report, log);
        assertThat(SharedChecks.lynisVerdict(lynis, "AUTH-9286:maximum")).isEqualTo("fail");
        assertThat(SharedChecks.lynisVerdict(lynis, "AUTH-9286:minimum")).isEqualTo("pass");
        assertThat(SharedChecks.lynisVerdict(lynis, "PKGS-7392")).isEqualTo("fail");
        assertThat(SharedChecks.lynisVerdict(lynis, "AUTH-9204")).isEqualTo("pass");
        // Lynis found the problem but chose not to judge: no verdict, and only for that test's own section.
        assertThat(SharedChecks.lynisVerdict(lynis, "TIME-3104")).isEqualTo("withheld");
        assertThat(SharedChecks.lynisVerdict(lynis, "TIME-3106")).isEqualTo("pass");
        assertThat(SharedChecks.lynisVerdict(lynis, "SSH-7408:PermitRootLogin")).isEqualTo("skipped");
        assertThat(SharedChecks.lynisVerdict(lynis, "BANN-7126")).isEqualTo("not run");
        assertThat(SharedChecks.lynisVerdict(lynis, "sysctl:fs.protected_fifos"))
                .isEqualTo("fail");
        assertThat(SharedChecks.lynisVerdict(lynis, "sysctl:fs.protected_hardlinks"))
                .isEqualTo("pass");
        assertThat(SharedChecks.lynisVerdict(lynis, "sysctl:kernel.sysrq")).isEqualTo("not run");
    }

    @Test
    void aRowAgreesOnlyWhenTwoVerdictsMatchAndSaysWhenOursGaveNone() {
        String none = SharedChecks.NONE;
        List<SharedChecks.Pairing> pairings = List.of(
                new SharedChecks.Pairing("same", "a", "c-a", "rule_a", none, ""),
                new SharedChecks.Pairing("differ", "b", none, "rule_b", none, ""),
                new SharedChecks.Pairing("silent", "c", "c-c", none, none, ""),
                new SharedChecks.Pairing("alone", "d", none, "rule_d", none, ""));
        Map<String, CheckResult> ours = Map.of(
                "a", result("a", Verdict.PASS),
                "b", result("b", Verdict.FAIL),
                "c", result("c", Verdict.NOT_APPLICABLE),
                "d", result("d", Verdict.PASS));
        Map<String, CheckResult> cis = Map.of("c-a", result("c-a", Verdict.PASS), "c-c", result("c-c", Verdict.FAIL));
        Map<String, String> openScap = Map.of("rule_a", "pass", "rule_b", "pass", "rule_d", "notapplicable");
        SharedChecks.Table table =
                SharedChecks.compare(pairings, ours, cis, openScap, new SharedChecks.Lynis(List.of(), ""));

        assertThat(table.rows()).extracting(SharedChecks.Row::agreement).containsExactly("yes", "NO", "scope", none);
        assertThat(table.markdown())
                .startsWith("Shared checks: 4; agree: 1; disagree: 1; ours not applicable or error where another"
                        + " tool judged: 1; fewer than two verdicts: 1")
                .contains("- built-in vs OpenSCAP: both judged 2, agree 1");
    }

    private static CheckResult result(String id, Verdict verdict) {
        return new CheckResult(id, 1, verdict, "", List.of());
    }
}

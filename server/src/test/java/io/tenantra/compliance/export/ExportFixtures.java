package io.tenantra.compliance.export;

import io.tenantra.compliance.evaluation.Evidence;
import io.tenantra.compliance.evaluation.Verdict;
import io.tenantra.model.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Rows for the writer tests: two assets, checks of every verdict, hostile text in places. */
final class ExportFixtures {

    static final Instant AT = Instant.parse("2026-12-03T10:15:30Z");
    static final UUID SCAN = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    static final ExportRow.Asset WEB = new ExportRow.Asset(
            UUID.fromString("00000000-0000-0000-0000-000000000001"),
            "web-1",
            "web-1.example.com",
            "debian 12",
            List.of("10.0.0.5", "fd00::5"));
    static final ExportRow.Asset DB = new ExportRow.Asset(
            UUID.fromString("00000000-0000-0000-0000-000000000002"), "db-1", "db-1.example.com", "rhel 9", List.of());

    static final ExportRow.CheckInfo SSH = check("tn-linux-ssh-root-login", Severity.HIGH);
    static final ExportRow.CheckInfo AIDE = check("tn-linux-aide", Severity.CRITICAL);
    static final ExportRow.CheckInfo BANNER = check("tn-linux-banner", Severity.INFO);

    private ExportFixtures() {}

    static ExportRow.CheckInfo check(String id, Severity severity) {
        return new ExportRow.CheckInfo(
                id,
                2,
                "Title of " + id,
                severity,
                "Description of " + id,
                "Rationale of " + id,
                "Fix " + id,
                List.of("systemctl reload ssh"),
                List.of("https://example.com/" + id),
                Map.of("nist-800-53-r5", List.of("AC-6(2)", "CM-6"), "tenantra-linux-l1", List.of("5.2.7")));
    }

    static ExportRow row(ExportRow.Asset asset, ExportRow.CheckInfo check, Verdict verdict) {
        return new ExportRow(
                asset,
                check,
                verdict,
                false,
                "",
                "reason for " + verdict,
                List.of(new Evidence(
                        "config.sshd_setting permitrootlogin equals no",
                        verdict == Verdict.PASS,
                        "yes",
                        "no",
                        "permitrootlogin",
                        SCAN,
                        AT)),
                AT,
                SCAN);
    }

    static ExportRow excepted(ExportRow.Asset asset, ExportRow.CheckInfo check) {
        ExportRow failing = row(asset, check, Verdict.FAIL);
        return new ExportRow(
                asset,
                check,
                Verdict.FAIL,
                true,
                "Accepted until the migration",
                failing.reason(),
                failing.evidence(),
                AT,
                SCAN);
    }
}

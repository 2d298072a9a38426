package io.tenantra.compliance.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.compliance.evaluation.CheckResult;
import io.tenantra.compliance.evaluation.Evidence;
import io.tenantra.compliance.evaluation.Verdict;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Equal verdicts digest alike; any stored field that changes, or text moving between fields, does not. */
class VerdictDigestTest {

    private static final UUID SCAN = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final Instant AT = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void everyStoredFieldCountsAndNothingElse() {
        long base = VerdictDigest.of(result("1", 1, "Title", "HIGH", Verdict.FAIL, "reason", "observed", SCAN, AT));
        assertThat(VerdictDigest.of(result("1", 1, "Title", "HIGH", Verdict.FAIL, "reason", "observed", SCAN, AT)))
                .isEqualTo(base);

        List<ResultRows.NewResult> variants = List.of(
                result("2", 1, "Title", "HIGH", Verdict.FAIL, "reason", "observed", SCAN, AT),
                result("1", 2, "Title", "HIGH", Verdict.FAIL, "reason", "observed", SCAN, AT),
                result("1", 1, "Title.", "HIGH", Verdict.FAIL, "reason", "observed", SCAN, AT),
                result("1", 1, "Title", "LOW", Verdict.FAIL, "reason", "observed", SCAN, AT),
                result("1", 1, "Title", "HIGH", Verdict.PASS, "reason", "observed", SCAN, AT),
                result("1", 1, "Title", "HIGH", Verdict.FAIL, "reasoN", "observed", SCAN, AT),
                result("1", 1, "Title", "HIGH", Verdict.FAIL, "reason", "observed ", SCAN, AT),
                result("1", 1, "Title", "HIGH", Verdict.FAIL, "reason", "observed", UUID.randomUUID(), AT),
                result("1", 1, "Title", "HIGH", Verdict.FAIL, "reason", "observed", SCAN, AT.plusNanos(1)),
                result("1", 1, "Title", "HIGH", Verdict.FAIL, "reason", "observed", null, AT),
                result("1", 1, "Title", "HIGH", Verdict.FAIL, null, "observed", SCAN, AT),
                // Text moved from one field to the next.
                result("1", 1, "Titlere", "HIGH", Verdict.FAIL, "ason", "observed", SCAN, AT));
        Set<Long> digests = new HashSet<>(Set.of(base));
        for (ResultRows.NewResult variant : variants) {
            assertThat(digests.add(VerdictDigest.of(variant)))
                    .as(variant.toString())
                    .isTrue();
        }
    }

    private static ResultRows.NewResult result(
            String policyVersion,
            int checkVersion,
            String title,
            String severity,
            Verdict verdict,
            String reason,
            String observed,
            UUID scan,
            Instant at) {
        Evidence evidence = new Evidence("rule", verdict == Verdict.PASS, observed, "expected", "source", scan, at);
        return new ResultRows.NewResult(
                "policy",
                policyVersion,
                title,
                severity,
                new CheckResult("check", checkVersion, verdict, reason, List.of(evidence)),
                scan);
    }
}

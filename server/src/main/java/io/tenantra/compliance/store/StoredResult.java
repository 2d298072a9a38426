package io.tenantra.compliance.store;

import io.tenantra.compliance.evaluation.Evidence;
import io.tenantra.compliance.evaluation.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One stored verdict of one check on one asset, with the asset's name and the evidence of every
 * rule that decided it.
 *
 * @param firstFailedAt when the check began failing without passing since; null unless FAIL
 */
public record StoredResult(
        UUID agentId,
        String agentName,
        String hostname,
        String policyId,
        String policyVersion,
        String checkId,
        int checkVersion,
        String title,
        String severity,
        Verdict verdict,
        String reason,
        UUID scanId,
        Instant evaluatedAt,
        Instant firstFailedAt,
        List<Evidence> evidence) {

    public StoredResult {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** The same verdict without its evidence, for lists. */
    public StoredResult withoutEvidence() {
        return new StoredResult(
                agentId,
                agentName,
                hostname,
                policyId,
                policyVersion,
                checkId,
                checkVersion,
                title,
                severity,
                verdict,
                reason,
                scanId,
                evaluatedAt,
                firstFailedAt,
                List.of());
    }
}

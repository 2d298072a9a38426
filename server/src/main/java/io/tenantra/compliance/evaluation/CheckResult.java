package io.tenantra.compliance.evaluation;

import java.util.List;
import java.util.Objects;

/**
 * The verdict of one check version on one asset, the reason in a sentence (why not applicable,
 * what errored, which rule failed), and the evidence of every rule that was evaluated.
 */
public record CheckResult(String checkId, int checkVersion, Verdict verdict, String reason, List<Evidence> evidence) {

    public CheckResult {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(verdict, "verdict");
        reason = reason == null ? "" : reason;
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}

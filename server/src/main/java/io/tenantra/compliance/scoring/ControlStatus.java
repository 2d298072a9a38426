package io.tenantra.compliance.scoring;

import io.tenantra.compliance.evaluation.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One control's status on one asset, in both views, with the verdicts behind it.
 *
 * @param results the verdict of each mapped check that has a result, by check id (sorted)
 * @param checksWithoutResult mapped checks with no result for this asset yet
 * @param excepted the mapped checks whose result an exception changes in the "with exceptions" view
 */
public record ControlStatus(
        String controlId,
        String title,
        String family,
        double weight,
        boolean manual,
        ControlOutcome outcome,
        ControlOutcome outcomeWithExceptions,
        Map<String, Verdict> results,
        List<String> checksWithoutResult,
        List<ExceptedCheck> excepted) {

    public ControlStatus {
        Objects.requireNonNull(controlId, "controlId");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(outcomeWithExceptions, "outcomeWithExceptions");
        results = results == null ? Map.of() : results;
        checksWithoutResult = checksWithoutResult == null ? List.of() : List.copyOf(checksWithoutResult);
        excepted = excepted == null ? List.of() : List.copyOf(excepted);
    }

    /** Whether an exception changes anything about this control. */
    public boolean hasExceptions() {
        return !excepted.isEmpty();
    }
}

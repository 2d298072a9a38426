package io.tenantra.compliance.scoring;

import io.tenantra.compliance.evaluation.Verdict;
import io.tenantra.compliance.exceptions.ActiveException;
import java.util.Objects;
import java.util.UUID;

/**
 * A result an exception changes in the "with exceptions" view: an accepted FAIL counted as PASS,
 * or a NOT_APPLICABLE overridden to PASS or FAIL. The result itself stays as judged.
 */
public record ExceptedCheck(
        String checkId,
        UUID exceptionId,
        ActiveException.Kind kind,
        Verdict verdict,
        Verdict countedAs,
        String reason) {

    public ExceptedCheck {
        Objects.requireNonNull(checkId, "checkId");
        Objects.requireNonNull(kind, "kind");
        reason = reason == null ? "" : reason;
    }
}

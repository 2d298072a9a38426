package io.tenantra.compliance.exceptions;

import io.tenantra.compliance.evaluation.Verdict;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The exceptions in force for a tenant at one moment, and what they make of a verdict: a FAIL
 * covered by an ACCEPT counts as excepted (passing in the "with exceptions" score, still shown as
 * failing); a NOT_APPLICABLE covered by an OVERRIDE counts as the override says.
 */
public record ExceptionSet(List<ActiveException> exceptions) {

    public static final ExceptionSet NONE = new ExceptionSet(List.of());

    public ExceptionSet {
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
    }

    /** The exception that changes this verdict, if any (the first that covers it). */
    public Optional<ActiveException> applying(
            UUID tenantId, UUID assetId, Map<String, String> tags, String checkId, Verdict verdict) {
        for (ActiveException exception : exceptions) {
            boolean relevant = switch (exception.kind()) {
                case ACCEPT -> verdict == Verdict.FAIL;
                case OVERRIDE -> verdict == Verdict.NOT_APPLICABLE;
            };
            if (relevant && exception.covers(tenantId, assetId, tags, checkId)) {
                return Optional.of(exception);
            }
        }
        return Optional.empty();
    }
}

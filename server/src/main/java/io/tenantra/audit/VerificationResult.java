package io.tenantra.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/**
 * What checking a chain found. When {@code valid} is false, {@code firstBrokenSeq} is the first
 * position known to be wrong and {@code problem} says how: {@code hash mismatch} (the event's
 * content or hash was changed), {@code broken link} (its previous-hash does not name the event
 * before it), {@code sequence gap} (events are missing), {@code sequence out of order}, {@code
 * chain head mismatch}, {@code checkpoint does not match chain} (the chain was rewritten after
 * a signed checkpoint), {@code bad checkpoint signature}, {@code unknown signing key} or {@code
 * malformed record} (offline only: an unreadable line).
 *
 * @param signaturesChecked false only offline when no public key was given
 * @param tenantId the chain the problem is in (null when valid)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationResult(
        boolean valid,
        long eventsChecked,
        long checkpointsChecked,
        boolean signaturesChecked,
        UUID tenantId,
        Long firstBrokenSeq,
        String problem,
        String detail) {}

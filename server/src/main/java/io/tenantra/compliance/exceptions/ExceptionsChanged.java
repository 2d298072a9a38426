package io.tenantra.compliance.exceptions;

import java.util.UUID;

/**
 * Published when the set of exceptions in force for a tenant changed: one was approved, revoked,
 * or expired (announced by the expiry sweep). Published inside the transaction that made the
 * change, beside its audit record, and delivered durably after commit; the store listens and
 * re-scores the tenant with {@link ExceptionLookup#activeFor}. Listeners must be idempotent: a
 * redelivery only re-scores again.
 */
public record ExceptionsChanged(UUID tenantId) {}

package io.tenantra.tenancy;

import java.time.Instant;
import java.util.UUID;

/**
 * Published when a tenant was suspended, inside the transaction that changes its status (with its
 * {@code tenant.suspend} audit record). {@link TenantReactivated} is its counterpart.
 *
 * <p>Delivered after commit through the durable event publication registry and delivered again
 * after a crash or a failed listener, so listeners must be idempotent.
 */
public record TenantSuspended(UUID tenantId, Instant at) {}

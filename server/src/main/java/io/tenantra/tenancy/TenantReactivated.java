package io.tenantra.tenancy;

import java.time.Instant;
import java.util.UUID;

/**
 * Published when a suspended tenant was made active again, inside the transaction that changes
 * its status (with its {@code tenant.reactivate} audit record).
 *
 * <p>Delivered after commit through the durable event publication registry and delivered again
 * after a crash or a failed listener, so listeners must be idempotent.
 */
public record TenantReactivated(UUID tenantId, Instant at) {}

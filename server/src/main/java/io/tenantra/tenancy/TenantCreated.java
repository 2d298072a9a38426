package io.tenantra.tenancy;

import java.time.Instant;
import java.util.UUID;

/**
 * Published when a tenant was created below {@code parentId}, inside the transaction that inserts
 * it (with its {@code tenant.create} audit record). Metering, for example, opens the new
 * tenant's account on it.
 *
 * <p>Delivered after commit through the durable event publication registry and delivered again
 * after a crash or a failed listener, so listeners must be idempotent (keyed on {@code tenantId}).
 */
public record TenantCreated(UUID tenantId, UUID parentId, String name, Tenant.Plan plan, Instant at) {}

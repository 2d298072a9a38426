package io.tenantra.tenancy;

import java.time.Instant;
import java.util.UUID;

/**
 * Published when a tenant's plan changed, inside the transaction that writes it (with its
 * {@code tenant.update} audit record). Metering and quotas react to it.
 *
 * <p>Delivered after commit through the durable event publication registry and delivered again
 * after a crash or a failed listener, so listeners must be idempotent.
 */
public record TenantPlanChanged(UUID tenantId, Tenant.Plan oldPlan, Tenant.Plan newPlan, Instant at) {}

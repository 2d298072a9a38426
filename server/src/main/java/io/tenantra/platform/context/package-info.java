/**
 * The call context: who acts, on which tenant, seeing which tenants, from where and when
 * ({@link io.tenantra.platform.context.CallContext}), and the tenant scope row-level security
 * enforces ({@link io.tenantra.platform.context.TenantScope}). Values only; resolving them from a
 * request belongs to the modules that authenticate (identity, agents).
 */
package io.tenantra.platform.context;

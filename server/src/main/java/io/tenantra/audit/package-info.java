/**
 * The tamper-evident audit trail and the API access log.
 *
 * <p>Every {@link io.tenantra.platform.audit.AuditEvent} is stored in the transaction that
 * published it, as the next link of its tenant's SHA-256 hash chain; the application's database
 * role can insert audit rows but never change or delete them. Signed checkpoints of each chain
 * head (Ed25519, key kept in the data directory) make even a consistent rewrite by a database
 * superuser detectable. Exposes {@link io.tenantra.audit.AuditTrail} (read, export, verify) and
 * {@link io.tenantra.audit.AuditCli} (offline verification of an export).
 *
 * <p>The audit log pages live in {@code io.tenantra.audit.web} (templates under {@code
 * templates/audit/}, migrations under {@code db/migration/audit/}). Depends on platform, database,
 * tenancy (the tree, for subtree reads), identity (the caller and their permissions) and the
 * console shell. Nothing depends on it.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Audit trail",
        allowedDependencies = {"platform", "database", "tenancy", "identity", "console", "agents"})
package io.tenantra.audit;

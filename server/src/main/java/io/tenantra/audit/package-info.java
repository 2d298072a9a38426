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
 * <p>Depends on platform, database, tenancy (the tree, for subtree reads) and identity (the
 * caller and their permissions). Nothing depends on it except the console.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail")
package io.tenantra.audit;

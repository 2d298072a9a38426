/**
 * Database lifecycle: the embedded PostgreSQL server (default) or an external one, Flyway
 * migrations run as the schema owner, the application's connection pool running as a role that
 * cannot bypass row-level security, and {@link io.tenantra.database.TenantTransactions}, the only
 * way modules open a transaction that can see tenant rows.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Database",
        allowedDependencies = {"platform"})
package io.tenantra.database;

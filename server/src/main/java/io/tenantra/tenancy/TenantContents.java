package io.tenantra.tenancy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What still lives in a tenant, so that deleting it can be refused with a useful answer ("it still
 * has 3 users") instead of a bare foreign-key error. Deleting data is never a side effect of
 * deleting a tenant: the caller removes it first, or suspends the tenant instead.
 *
 * <p>This is the one place that lists the tables holding tenant data: <b>add every new tenant
 * table to {@link #KINDS}</b>. A table forgotten here still cannot lose data, because its
 * {@code tenant_id} foreign key makes PostgreSQL refuse the delete, which {@link TenantDeletion}
 * reports as a conflict too, just less precisely.
 */
@Component
class TenantContents {

    /** A table with a {@code tenant_id} column, and what to call its rows. */
    record Kind(String table, String singular, String plural) {}

    static final List<Kind> KINDS = List.of(
            new Kind("app_user", "user", "users"),
            new Kind("role_binding", "role binding", "role bindings"),
            new Kind("custom_role", "custom role", "custom roles"),
            new Kind("auth_session", "login session", "login sessions"));

    private static final String COUNT_SQL = KINDS.stream()
            .map(kind -> "SELECT '" + kind.table() + "' AS kind, count(*) AS n FROM " + kind.table()
                    + " WHERE tenant_id = :tenant")
            .collect(Collectors.joining(" UNION ALL "));

    private final JdbcClient jdbc;

    TenantContents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The non-empty kinds of data in {@code tenantId}, as "3 users"-style phrases in
     * {@link #KINDS} order. Runs in a transaction whose scope includes the tenant.
     */
    List<String> describe(UUID tenantId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(COUNT_SQL).param("tenant", tenantId).query(rs -> {
            counts.put(rs.getString("kind"), rs.getLong("n"));
        });
        return KINDS.stream()
                .filter(kind -> counts.getOrDefault(kind.table(), 0L) > 0)
                .map(kind -> {
                    long n = counts.get(kind.table());
                    return n + " " + (n == 1 ? kind.singular() : kind.plural());
                })
                .toList();
    }
}

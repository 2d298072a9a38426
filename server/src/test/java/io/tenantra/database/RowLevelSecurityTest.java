package io.tenantra.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.ServerTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Isolation holds in PostgreSQL itself: even a query that forgets its tenant condition cannot
 * read or write another tenant's rows through the application's connection pool.
 */
@ServerTest
class RowLevelSecurityTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantTransactions tx;

    private UUID root() {
        return jdbc.sql("SELECT root_tenant_id()").query(UUID.class).single();
    }

    private UUID createChild(UUID parent, String slug) {
        UUID child = UUID.randomUUID();
        tx.write(
                new TenantScope(java.util.Set.of(parent, child)),
                () -> jdbc.sql("INSERT INTO tenant (id, parent_id, name, slug, plan, status, created_at, modified_at)"
                                + " VALUES (?, ?, ?, ?, 'FREE', 'ACTIVE', ?, ?)")
                        .params(child, parent, slug, slug, Timestamp.from(Instant.now()), Timestamp.from(Instant.now()))
                        .update());
        return child;
    }

    @Test
    void theApplicationRoleCannotBypassRowLevelSecurity() {
        var role = jdbc.sql("SELECT rolsuper, rolbypassrls, current_user FROM pg_roles WHERE rolname = current_user")
                .query((rs, i) -> new boolean[] {rs.getBoolean(1), rs.getBoolean(2)})
                .single();
        assertThat(role[0]).as("superuser").isFalse();
        assertThat(role[1]).as("bypassrls").isFalse();
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("tenantra_app");
    }

    @Test
    void withoutATenantScopeNoTenantRowIsVisible() {
        // The bootstrap created a root tenant and an admin, yet an unscoped query sees neither.
        assertThat(jdbc.sql("SELECT count(*) FROM tenant").query(Long.class).single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM app_user").query(Long.class).single())
                .isZero();
    }

    @Test
    void aQueryThatForgetsItsTenantConditionStillSeesOnlyItsScope() {
        UUID root = root();
        UUID a = createChild(root, "rls-a-" + UUID.randomUUID().toString().substring(0, 8));
        UUID b = createChild(root, "rls-b-" + UUID.randomUUID().toString().substring(0, 8));

        // "SELECT id FROM tenant" has no WHERE clause: the bug RLS exists to contain.
        var seenFromA = tx.read(
                TenantScope.of(a),
                () -> jdbc.sql("SELECT id FROM tenant").query(UUID.class).list());
        assertThat(seenFromA).containsExactly(a);
        var seenFromB = tx.read(
                TenantScope.of(b),
                () -> jdbc.sql("SELECT id FROM tenant").query(UUID.class).list());
        assertThat(seenFromB).containsExactly(b);
    }

    @Test
    void writesIntoAnotherTenantAreRefusedByThePolicy() {
        UUID root = root();
        UUID a = createChild(root, "rls-w-" + UUID.randomUUID().toString().substring(0, 8));
        UUID b = createChild(root, "rls-x-" + UUID.randomUUID().toString().substring(0, 8));

        assertThatThrownBy(() -> tx.write(
                        TenantScope.of(a),
                        () -> jdbc.sql("INSERT INTO app_user (id, tenant_id, username, email, display_name, created_at,"
                                        + " modified_at) VALUES (?, ?, ?, 'x@example.com', 'X', now(), now())")
                                .params(
                                        UUID.randomUUID(),
                                        b,
                                        "intruder-"
                                                + UUID.randomUUID().toString().substring(0, 8))
                                .update()))
                .rootCause()
                .hasMessageContaining("row-level security");
        // Updating a row outside the scope silently matches nothing.
        int updated = tx.write(
                TenantScope.of(a),
                () -> jdbc.sql("UPDATE tenant SET name = 'hijacked' WHERE id = ?")
                        .param(b)
                        .update());
        assertThat(updated).isZero();
    }

    @Test
    void ownerOnlySecretsAreUnreadableByTheApplication() {
        assertThatThrownBy(() -> jdbc.sql("SELECT value FROM internal_secret")
                        .query(String.class)
                        .list())
                .rootCause()
                .hasMessageContaining("permission denied");
    }

    @Test
    void nestedScopesRestoreTheOuterScope() {
        UUID root = root();
        UUID child = createChild(root, "rls-n-" + UUID.randomUUID().toString().substring(0, 8));
        var seen = tx.read(TenantScope.of(root), () -> {
            tx.read(
                    TenantScope.of(child),
                    () -> jdbc.sql("SELECT id FROM tenant").query(UUID.class).list());
            return jdbc.sql("SELECT id FROM tenant").query(UUID.class).list();
        });
        assertThat(seen).containsExactly(root);
    }
}

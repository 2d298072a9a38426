package io.tenantra.support;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.TenantHierarchy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Builds tenant trees and users straight in the database, for tests that need a world to act
 * in before the endpoints under test can build one. Every name gets a random suffix so tests
 * sharing a server never collide.
 */
@Component
public class Fixtures {

    public static final String PASSWORD = "Fixture-Password-123";

    private final JdbcClient jdbc;
    private final TenantTransactions tx;
    private final TenantHierarchy hierarchy;
    private final PasswordEncoder passwords;
    private String passwordHash;

    Fixtures(JdbcClient jdbc, TenantTransactions tx, TenantHierarchy hierarchy, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.hierarchy = hierarchy;
        this.passwords = passwords;
    }

    public UUID root() {
        return jdbc.sql("SELECT root_tenant_id()").query(UUID.class).single();
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A new active tenant under {@code parent}; returns its id. */
    public UUID tenant(UUID parent, String slugPrefix) {
        UUID id = UUID.randomUUID();
        String slug = unique(slugPrefix);
        Timestamp now = Timestamp.from(Instant.now());
        tx.write(
                new TenantScope(Set.of(parent, id)),
                () -> jdbc.sql("INSERT INTO tenant (id, parent_id, name, slug, plan, status, created_at, modified_at)"
                                + " VALUES (?, ?, ?, ?, 'PRO', 'ACTIVE', ?, ?)")
                        .params(id, parent, "Tenant " + slug, slug, now, now)
                        .update());
        hierarchy.invalidate();
        return id;
    }

    /**
     * A new active user in {@code tenant} with {@code role} bound on that same tenant (subtree);
     * returns the username. The password is {@link #PASSWORD}.
     */
    public String user(UUID tenant, String role) {
        return user(tenant, role, tenant, true);
    }

    /** A user of {@code home} with {@code role} bound on {@code bindingTenant}. */
    public String user(UUID home, String role, UUID bindingTenant, boolean subtree) {
        if (passwordHash == null) {
            passwordHash = passwords.encode(PASSWORD);
        }
        UUID id = UUID.randomUUID();
        String username = unique(role.toLowerCase().replace('_', '-'));
        Timestamp now = Timestamp.from(Instant.now());
        // TenantScope.of(Collection) tolerates home == bindingTenant; Set.of would throw.
        tx.write(TenantScope.of(List.of(home, bindingTenant)), () -> {
            jdbc.sql("INSERT INTO app_user (id, tenant_id, username, email, display_name, password_hash, active,"
                            + " created_at, modified_at) VALUES (?, ?, ?, ?, ?, ?, true, ?, ?)")
                    .params(id, home, username, username + "@example.com", "User " + username, passwordHash, now, now)
                    .update();
            jdbc.sql("INSERT INTO role_binding (id, tenant_id, user_id, role, subtree, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?)")
                    .params(UUID.randomUUID(), bindingTenant, id, role, subtree, now)
                    .update();
            return null;
        });
        return username;
    }

    /**
     * A judged compliance asset with one stored verdict in {@code tenant} (as the evaluator would
     * leave it), for tests that read results without running agents; returns its agent id.
     */
    public UUID complianceResult(UUID tenant, String checkId, String verdict) {
        UUID agent = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        tx.write(TenantScope.of(tenant), () -> {
            jdbc.sql("INSERT INTO compliance_asset (tenant_id, agent_id, name, hostname, os_family, evaluated_at)"
                            + " VALUES (?, ?, ?, ?, 'linux', ?)")
                    .params(tenant, agent, unique("asset"), unique("host"), now)
                    .update();
            jdbc.sql("INSERT INTO compliance_result (tenant_id, agent_id, policy_id, check_id, check_version,"
                            + " policy_version, title, severity, verdict, reason, evidence, changed_at)"
                            + " VALUES (?, ?, 'fixture-policy', ?, 1, '1', 'Fixture check', 'HIGH', ?, '', '[]', ?)")
                    .params(tenant, agent, checkId, verdict, now)
                    .update();
            return null;
        });
        return agent;
    }

    /** Today's compliance history row of one tenant and framework, as the evaluator would roll it up. */
    public void complianceDay(UUID tenant, String framework, int pass, int fail, int assets, double meanScore) {
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql("INSERT INTO compliance_score_daily (tenant_id, framework_id,"
                                + " day, pass_count, fail_count, na_count, error_count, pass_with_exceptions,"
                                + " fail_with_exceptions, asset_count, mean_score, pooled_score, mean_score_with_exceptions,"
                                + " pooled_score_with_exceptions, updated_at) VALUES (?, ?, (now() AT TIME ZONE 'UTC')::date,"
                                + " ?, ?, 0, 0, ?, ?, ?, ?, NULL, ?, NULL, now())")
                        .params(tenant, framework, pass, fail, pass, fail, assets, meanScore, meanScore)
                        .update());
    }

    /** The id of a user, by username (through the login lookup, which needs no tenant scope). */
    public UUID userId(String username) {
        return jdbc.sql("SELECT user_id FROM auth_find_login(?)")
                .param(username)
                .query(UUID.class)
                .single();
    }
}

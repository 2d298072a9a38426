package io.tenantra.identity;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Http;
import io.tenantra.tenancy.TenantHierarchy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * World changes that API-key and impersonation tests need and no endpoint of this branch offers:
 * deactivating users, changing role bindings, suspending tenants, ageing keys. Each also clears
 * the cache that would otherwise hide the change for a few seconds, as production code does.
 */
@Component
class AccessFixtures {

    private final JdbcClient jdbc;
    private final TenantTransactions tx;
    private final TenantHierarchy hierarchy;
    private final CredentialGuard guard;
    private final ApiKeyAuthenticator keys;

    AccessFixtures(
            JdbcClient jdbc,
            TenantTransactions tx,
            TenantHierarchy hierarchy,
            CredentialGuard guard,
            ApiKeyAuthenticator keys) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.hierarchy = hierarchy;
        this.guard = guard;
        this.keys = keys;
    }

    UUID userId(String username) {
        return jdbc.sql("SELECT user_id FROM auth_find_login(?)")
                .param(username)
                .query(UUID.class)
                .single();
    }

    UUID homeTenant(String username) {
        return jdbc.sql("SELECT tenant_id FROM auth_find_login(?)")
                .param(username)
                .query(UUID.class)
                .single();
    }

    void deactivate(String username) {
        UUID id = userId(username);
        UUID home = homeTenant(username);
        tx.write(
                TenantScope.of(home),
                () -> jdbc.sql("UPDATE app_user SET active = false WHERE tenant_id = ? AND id = ?")
                        .params(home, id)
                        .update());
        guard.forgetUser(id);
    }

    /** Replaces every role binding of the user on {@code bindingTenant} with {@code role}. */
    void rebind(String username, UUID bindingTenant, String role) {
        UUID id = userId(username);
        tx.write(TenantScope.of(bindingTenant), () -> {
            jdbc.sql("DELETE FROM role_binding WHERE tenant_id = ? AND user_id = ?")
                    .params(bindingTenant, id)
                    .update();
            jdbc.sql("INSERT INTO role_binding (id, tenant_id, user_id, role, subtree, created_at)"
                            + " VALUES (?, ?, ?, ?, true, ?)")
                    .params(UUID.randomUUID(), bindingTenant, id, role, Timestamp.from(Instant.now()))
                    .update();
            return null;
        });
    }

    /** A custom role on {@code tenant} with exactly these permissions. */
    void customRole(UUID tenant, String name, String... permissions) {
        Timestamp now = Timestamp.from(Instant.now());
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql("INSERT INTO custom_role (id, tenant_id, name, permissions, created_at, modified_at)"
                                + " VALUES (?, ?, ?, ?::text[], ?, ?)")
                        .params(UUID.randomUUID(), tenant, name, "{" + String.join(",", permissions) + "}", now, now)
                        .update());
    }

    void suspend(UUID tenant) {
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql("UPDATE tenant SET status = 'SUSPENDED' WHERE id = ?")
                        .param(tenant)
                        .update());
        hierarchy.invalidate();
    }

    /** Makes a key expired a second ago, as if its time had passed. */
    void expire(UUID tenant, UUID keyId) {
        Instant past = Instant.now().minusSeconds(1);
        tx.write(
                TenantScope.of(tenant),
                () -> jdbc.sql("UPDATE api_key SET created_at = ?, expires_at = ? WHERE tenant_id = ? AND id = ?")
                        .params(Timestamp.from(past.minusSeconds(60)), Timestamp.from(past), tenant, keyId)
                        .update());
        keys.forget(keyId);
    }

    /** Drops what this node remembers about a key, as if its cache entry had aged out. */
    void forgetKey(UUID keyId) {
        keys.forget(keyId);
    }

    Map<String, Object> row(UUID tenant, UUID keyId) {
        return tx.read(
                TenantScope.of(tenant),
                () -> jdbc.sql("SELECT * FROM api_key WHERE tenant_id = ? AND id = ?")
                        .params(tenant, keyId)
                        .query()
                        .singleRow());
    }

    /** Creates a key through the API and returns the response (201 expected by callers). */
    static Http.Response createKey(Http http, String token, UUID tenant, Object body) {
        return http.postJson("/api/v1/tenants/" + tenant + "/api-keys", token, body);
    }
}

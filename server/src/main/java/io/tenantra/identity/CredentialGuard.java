package io.tenantra.identity;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.TenantHierarchy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Decides, on every authenticated request, whether credentials that verify cryptographically
 * are still good: the home tenant (and every ancestor) is active, the user is active, and the
 * login session has not been revoked. Answers are cached for {@link #MAX_AGE} so a request costs
 * no query in the common case; changes made on this node take effect at once through
 * {@link #forgetUser} and {@link #forgetSession}, changes from other nodes within {@link #MAX_AGE}.
 */
@Component
public class CredentialGuard {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final TenantHierarchy hierarchy;
    private final TenantTransactions tx;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Map<UUID, Cached> users = new ConcurrentHashMap<>();
    private final Map<UUID, Cached> sessions = new ConcurrentHashMap<>();

    CredentialGuard(TenantHierarchy hierarchy, TenantTransactions tx, JdbcClient jdbc, Clock clock) {
        this.hierarchy = hierarchy;
        this.tx = tx;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public boolean isValid(CurrentUser user) {
        if (!tenantActive(user.tenantId())) {
            return false;
        }
        Instant now = clock.instant();
        boolean userActive = users.compute(
                        user.userId(),
                        (id, cached) -> cached != null && cached.freshAt(now)
                                ? cached
                                : new Cached(loadUserActive(user.tenantId(), id), now))
                .valid();
        if (!userActive) {
            return false;
        }
        if (user.sessionId() == null) {
            return true;
        }
        UUID session = UUID.fromString(user.sessionId());
        return sessions.compute(
                        session,
                        (id, cached) -> cached != null && cached.freshAt(now)
                                ? cached
                                : new Cached(loadSessionLive(user.tenantId(), id, now), now))
                .valid();
    }

    /** A tenant is usable only when it and all its ancestors are active. */
    public boolean tenantActive(UUID tenantId) {
        for (UUID at = tenantId; at != null; at = hierarchy.parentOf(at).orElse(null)) {
            if (!hierarchy.isActive(at)) {
                return false;
            }
        }
        return true;
    }

    /** Call after deactivating or deleting a user. */
    public void forgetUser(UUID userId) {
        users.remove(userId);
    }

    /** Call after revoking a session. */
    public void forgetSession(UUID sessionId) {
        sessions.remove(sessionId);
    }

    private boolean loadUserActive(UUID tenantId, UUID userId) {
        return tx.read(
                        TenantScope.of(tenantId),
                        () -> jdbc.sql("SELECT active FROM app_user WHERE tenant_id = ? AND id = ?")
                                .params(tenantId, userId)
                                .query(Boolean.class)
                                .optional())
                .orElse(false);
    }

    private boolean loadSessionLive(UUID tenantId, UUID sessionId, Instant now) {
        return tx.read(
                        TenantScope.of(tenantId),
                        () -> jdbc.sql("SELECT revoked_at IS NULL AND expires_at > ? FROM auth_session"
                                        + " WHERE tenant_id = ? AND id = ?")
                                .params(java.sql.Timestamp.from(now), tenantId, sessionId)
                                .query(Boolean.class)
                                .optional())
                .orElse(false);
    }

    private record Cached(boolean valid, Instant loadedAt) {
        boolean freshAt(Instant now) {
            return loadedAt.plus(MAX_AGE).isAfter(now);
        }
    }
}

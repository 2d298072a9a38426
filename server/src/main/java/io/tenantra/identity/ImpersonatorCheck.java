package io.tenantra.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether the person behind an impersonation may still be acting: their account and home tenant
 * are active and they still hold {@link Permission#IMPERSONATE} on the impersonated user's home
 * tenant. An impersonation token or console session cannot be revoked like a login session, so
 * this is what ends it early when its impersonator is switched off or loses the right. Answers are
 * cached for {@link #MAX_AGE}, like {@link CredentialGuard}'s.
 */
@Component
class ImpersonatorCheck {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final UserRepository users;
    private final PermissionReach reach;
    private final CredentialGuard guard;
    private final Clock clock;
    private final Map<UUID, Impersonator> cache = new ConcurrentHashMap<>();

    ImpersonatorCheck(
            JdbcClient jdbc, UserRepository users, PermissionReach reach, CredentialGuard guard, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.reach = reach;
        this.guard = guard;
        this.clock = clock;
    }

    /** True for callers who are not impersonated at all. */
    boolean stillAllowed(CurrentUser user) {
        if (!user.isImpersonated()) {
            return true;
        }
        Instant now = clock.instant();
        Impersonator impersonator = cache.compute(
                user.impersonatorId(), (id, cached) -> cached != null && cached.freshAt(now) ? cached : load(id, now));
        if (impersonator.homeTenantId() == null) {
            return false; // the account is gone
        }
        CurrentUser real = new CurrentUser(
                user.impersonatorId(), impersonator.homeTenantId(), user.impersonatorName(), List.of(), null);
        return guard.isValid(real)
                && reach.on(impersonator.bindings(), user.tenantId()).contains(Permission.IMPERSONATE);
    }

    private Impersonator load(UUID id, Instant now) {
        UUID home = jdbc.sql("SELECT auth_user_home_tenant(?)")
                .param(id)
                .query(UUID.class)
                .optional()
                .orElse(null);
        return new Impersonator(home, home == null ? List.of() : users.bindingsOf(id), now);
    }

    private record Impersonator(UUID homeTenantId, List<RoleBinding> bindings, Instant loadedAt) {
        boolean freshAt(Instant now) {
            return loadedAt.plus(MAX_AGE).isAfter(now);
        }
    }
}

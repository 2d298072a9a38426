package io.tenantra.identity;

import io.tenantra.platform.audit.Actor;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller as controllers see it: a user (or an API key acting for its creator),
 * their home tenant, their role bindings with resolved permissions, and, while impersonating, the
 * real person behind it.
 *
 * @param sessionId the login session, null for API keys and impersonation tokens
 * @param apiKeyId set when the caller authenticated with an API key
 * @param impersonatorId the admin acting as this user, or null
 * @param mfaPending the user's tenant requires multi-factor authentication and the user has not
 *     enrolled yet: until they do, only their profile, enrolment and logout are open to them
 */
public record CurrentUser(
        UUID userId,
        UUID tenantId,
        String username,
        List<RoleBinding> bindings,
        String sessionId,
        UUID apiKeyId,
        UUID impersonatorId,
        String impersonatorName,
        boolean mfaPending) {

    public CurrentUser {
        bindings = List.copyOf(bindings);
    }

    /** A caller under no pending MFA enrolment. */
    public CurrentUser(
            UUID userId,
            UUID tenantId,
            String username,
            List<RoleBinding> bindings,
            String sessionId,
            UUID apiKeyId,
            UUID impersonatorId,
            String impersonatorName) {
        this(userId, tenantId, username, bindings, sessionId, apiKeyId, impersonatorId, impersonatorName, false);
    }

    /** A plain signed-in user. */
    public CurrentUser(UUID userId, UUID tenantId, String username, List<RoleBinding> bindings, String sessionId) {
        this(userId, tenantId, username, bindings, sessionId, null, null, null);
    }

    public Set<String> roles() {
        return Set.copyOf(bindings.stream().map(RoleBinding::role).toList());
    }

    /** Every permission held through any binding, on whichever tenant. */
    public Set<Permission> permissions() {
        Set<Permission> all = EnumSet.noneOf(Permission.class);
        bindings.forEach(b -> all.addAll(b.permissions()));
        return all;
    }

    public boolean isImpersonated() {
        return impersonatorId != null;
    }

    /** The same caller in another login session (null: none). */
    CurrentUser withSession(String session) {
        return new CurrentUser(
                userId, tenantId, username, bindings, session, apiKeyId, impersonatorId, impersonatorName, mfaPending);
    }

    /** The same caller with the enrolment restriction set or lifted. */
    CurrentUser withMfaPending(boolean pending) {
        return new CurrentUser(
                userId, tenantId, username, bindings, sessionId, apiKeyId, impersonatorId, impersonatorName, pending);
    }

    /** The identity audit records carry: the user, and the impersonator too when there is one. */
    public Actor actor() {
        if (apiKeyId != null) {
            return new Actor(Actor.Kind.API_KEY, apiKeyId, username, null, null);
        }
        return new Actor(Actor.Kind.USER, userId, username, impersonatorId, impersonatorName);
    }
}

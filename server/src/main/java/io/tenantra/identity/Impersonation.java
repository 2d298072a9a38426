package io.tenantra.identity;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.audit.Actor;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.text.TextRules;
import io.tenantra.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Acting as another user for a bounded time, for support. The rules: the impersonator holds
 * {@link Permission#IMPERSONATE} on the target's tenant; the target is active, is not the
 * impersonator, holds no SUPER_ADMIN role, and holds nothing the impersonator does not already
 * hold with at least the same reach, so impersonation never widens what its user can do. An
 * impersonation cannot start another one. Starting and ending are audited with both identities,
 * and everything done meanwhile carries both (see {@link CurrentUser#actor()}).
 */
@Service
public class Impersonation {

    public static final int DEFAULT_MINUTES = 15;
    public static final int MAX_MINUTES = 60;
    static final int MAX_CANDIDATES = 100;

    private final UserRepository users;
    private final ImpersonationTargets targets;
    private final TenantAccess access;
    private final PermissionReach reach;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final Clock clock;
    private final AccessTokens tokens;

    Impersonation(
            UserRepository users,
            ImpersonationTargets targets,
            TenantAccess access,
            PermissionReach reach,
            TenantTransactions tx,
            AuditEvents audit,
            Clock clock,
            AccessTokens tokens) {
        this.users = users;
        this.targets = targets;
        this.access = access;
        this.reach = reach;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.tokens = tokens;
    }

    /**
     * A bearer access token acting as the grant's principal for the grant's duration, for callers
     * of the API (the console keeps the principal in the session instead).
     */
    public String accessToken(Grant grant) {
        return tokens.issue(grant.principal(), grant.duration());
    }

    /** The person being impersonated, as responses show them. */
    public record Target(UUID id, UUID tenantId, String username, String email, String displayName) {}

    /** A started impersonation: the principal to act as, until {@code expiresAt}. */
    public record Grant(CurrentUser principal, Target target, Duration duration, Instant expiresAt) {}

    /** A user of a tenant, and whether (or why not) the caller may act as them. */
    public record Candidate(Target user, boolean active, String refusal) {
        public boolean eligible() {
            return refusal == null;
        }
    }

    /**
     * Starts impersonating {@code userId} of {@code tenantId}. {@code minutes} null means
     * {@link #DEFAULT_MINUTES}; {@code via} says where it was started ({@code api}, {@code console}).
     */
    public Grant start(TenantContext caller, UUID tenantId, UUID userId, String reason, Integer minutes, String via) {
        CurrentUser impersonator = caller.user();
        TenantScope scope = access.require(impersonator, tenantId, Permission.IMPERSONATE);
        if (impersonator.isImpersonated()) {
            throw ApiException.forbidden("An impersonation cannot start another impersonation. End this one first.");
        }
        if (impersonator.apiKeyId() != null) {
            throw ApiException.forbidden("API keys cannot impersonate.");
        }
        String why = reason(reason);
        Duration duration = Duration.ofMinutes(minutes(minutes));
        UserRepository.UserRow row =
                tx.read(scope, () -> users.find(tenantId, userId)).orElseThrow(() -> ApiException.notFound("The user"));
        List<RoleBinding> bindings = users.bindingsOf(row.id());
        Optional<ApiException> refused = refusal(impersonator, row, bindings);
        if (refused.isPresent()) {
            throw refused.get();
        }
        Instant now = clock.instant();
        Instant expiresAt = now.plus(duration);
        Target target = target(row);
        CurrentUser principal = new CurrentUser(
                row.id(),
                row.tenantId(),
                row.username(),
                bindings,
                null,
                null,
                impersonator.userId(),
                impersonator.username());
        tx.write(scope, () -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("targetUsername", row.username());
            details.put("reason", why);
            details.put("minutes", duration.toMinutes());
            details.put("expiresAt", expiresAt.toString());
            details.put("via", via);
            audit.changed(caller.call(), tenantId, AuditAction.IMPERSONATION_START, "user", row.id(), details);
            return null;
        });
        return new Grant(principal, target, duration, expiresAt);
    }

    /**
     * Records the end of a console impersonation: {@code how} is {@code ended}, {@code expired},
     * {@code revoked} or {@code logout}. {@code impersonated} is the call of the impersonated
     * session on its user's home tenant; the record names the person behind it, who is the one
     * whose impersonation ends.
     */
    public void end(CallContext impersonated, String how) {
        Actor acting = impersonated.actor();
        if (!acting.isImpersonated()) {
            return;
        }
        CallContext byImpersonator = new CallContext(
                TenantScope.of(impersonated.tenantId()),
                impersonated.tenantId(),
                impersonated.impersonator(),
                acting.impersonatorId(),
                impersonated.origin(),
                impersonated.at());
        tx.write(byImpersonator.scope(), () -> {
            audit.changed(
                    byImpersonator,
                    AuditAction.IMPERSONATION_END,
                    "user",
                    impersonated.userId(),
                    Map.of("targetUsername", acting.name(), "how", how));
            return null;
        });
    }

    /** The users of {@code tenantId} (the first {@value #MAX_CANDIDATES} by name), for the console. */
    public List<Candidate> candidates(CurrentUser impersonator, UUID tenantId) {
        TenantScope scope = access.require(impersonator, tenantId, Permission.IMPERSONATE);
        List<UserRepository.UserRow> rows = tx.read(scope, () -> targets.usersOf(tenantId, MAX_CANDIDATES));
        List<Candidate> result = new ArrayList<>(rows.size());
        for (UserRepository.UserRow row : rows) {
            String refusal = refusal(impersonator, row, users.bindingsOf(row.id()))
                    .map(ApiException::getMessage)
                    .orElse(null);
            result.add(new Candidate(target(row), row.active(), refusal));
        }
        return result;
    }

    private Optional<ApiException> refusal(
            CurrentUser impersonator, UserRepository.UserRow target, List<RoleBinding> bindings) {
        if (target.id().equals(impersonator.userId())) {
            return Optional.of(ApiException.forbidden("You cannot impersonate yourself."));
        }
        if (!target.active()) {
            return Optional.of(ApiException.conflict("The user is inactive and cannot be impersonated."));
        }
        if (bindings.stream().anyMatch(b -> BuiltInRole.SUPER_ADMIN.name().equals(b.role()))) {
            return Optional.of(ApiException.forbidden("Platform super admins cannot be impersonated."));
        }
        if (!reach.covers(impersonator.bindings(), bindings)) {
            return Optional.of(ApiException.forbidden(
                    "The user holds permissions you lack; impersonating them would widen your access."));
        }
        return Optional.empty();
    }

    static String reason(String reason) {
        String trimmed = reason == null ? "" : reason.strip();
        if (TextRules.length(trimmed) < 5 || TextRules.length(trimmed) > 500) {
            throw ApiException.invalid("reason", "must be between 5 and 500 characters");
        }
        return trimmed;
    }

    static int minutes(Integer minutes) {
        if (minutes == null) {
            return DEFAULT_MINUTES;
        }
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw ApiException.invalid("minutes", "must be between 1 and " + MAX_MINUTES);
        }
        return minutes;
    }

    private static Target target(UserRepository.UserRow row) {
        return new Target(row.id(), row.tenantId(), row.username(), row.email(), row.displayName());
    }
}

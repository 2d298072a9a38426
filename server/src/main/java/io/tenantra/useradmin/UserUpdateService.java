package io.tenantra.useradmin;

import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.CredentialGuard;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RoleBinding;
import io.tenantra.identity.TenantAccess;
import io.tenantra.identity.TenantContext;
import io.tenantra.identity.UserDirectory;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * {@code PATCH .../users/{id}}: profile fields, activation and the user's roles on the tenant.
 * One request may change several of these; each kind of change is audited as its own action
 * ({@code user.update}, {@code user.deactivate} / {@code user.reactivate}, {@code user.roles}),
 * all in the one transaction that applies the whole request or nothing.
 */
@Service
public class UserUpdateService {

    private final UserAdminRepository admin;
    private final UserDirectory users;
    private final RoleAssignment assignment;
    private final GrantPolicy policy;
    private final LastAdminRule lastAdmin;
    private final UserAdminService userAdmin;
    private final TenantAccess access;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final RequestValidation validation;
    private final CredentialGuard guard;
    private final Clock clock;

    UserUpdateService(
            UserAdminRepository admin,
            UserDirectory users,
            RoleAssignment assignment,
            GrantPolicy policy,
            LastAdminRule lastAdmin,
            UserAdminService userAdmin,
            TenantAccess access,
            TenantTransactions tx,
            AuditEvents audit,
            RequestValidation validation,
            CredentialGuard guard,
            Clock clock) {
        this.admin = admin;
        this.users = users;
        this.assignment = assignment;
        this.policy = policy;
        this.lastAdmin = lastAdmin;
        this.userAdmin = userAdmin;
        this.access = access;
        this.tx = tx;
        this.audit = audit;
        this.validation = validation;
        this.guard = guard;
        this.clock = clock;
    }

    /** Any subset of the fields; absent (or null) ones stay as they are. */
    public record UserPatch(
            @Email
            @Size(min = 3, max = 254)
            @Pattern(regexp = UserAdminService.NOT_BLANK, message = "must not be blank")
            String email,

            @Size(min = 1, max = 200) @Pattern(regexp = UserAdminService.NOT_BLANK, message = "must not be blank")
            String displayName,

            Boolean active,
            @Size(max = UserAdminService.MAX_ROLES) List<@NotBlank @Size(max = 64) String> roles,
            @Size(max = UserAdminService.MAX_ROLES) List<UserAdminService.@NotNull @Valid GrantRequest> bindings) {}

    public UserAccount update(TenantContext context, UUID tenantId, UUID userId, UserPatch patch) {
        TenantScope scope = access.require(context.user(), tenantId, Permission.USER_WRITE);
        validation.check(patch);
        RoleAssignment.Requested requested = RoleAssignment.requested(patch.roles(), patch.bindings());
        UUID rootId = userAdmin.rootId();
        Outcome outcome;
        try {
            outcome = tx.write(scope, () -> apply(context, tenantId, rootId, userId, patch, requested));
        } catch (DuplicateKeyException e) {
            throw UserAdminService.duplicate(e, null, patch.email());
        }
        // After commit, so that no request can re-cache the old answer in between.
        if (outcome.activeChanged()) {
            guard.forgetUser(userId);
            outcome.revokedSessions().forEach(guard::forgetSession);
        }
        return outcome.account();
    }

    private Outcome apply(
            TenantContext context,
            UUID tenantId,
            UUID rootId,
            UUID userId,
            UserPatch patch,
            RoleAssignment.Requested requested) {
        CurrentUser caller = context.user();
        var target = admin.findForUpdate(tenantId, userId).orElseThrow(() -> ApiException.notFound("The user"));
        List<RoleBinding> bindings = users.bindingsOf(userId);
        policy.checkMayManage(caller, bindings);
        boolean self = userId.equals(caller.userId());

        List<RoleGrant> current =
                RoleAssignment.sorted(admin.grantsOn(tenantId, List.of(userId)).getOrDefault(userId, List.of()));
        List<RoleGrant> wanted = requested == null ? current : RoleAssignment.sorted(requested.grants());
        boolean rolesChange = !new HashSet<>(wanted).equals(new HashSet<>(current));
        boolean active = patch.active() == null ? target.active() : patch.active();
        boolean activeChange = active != target.active();
        if (self && rolesChange) {
            throw ApiException.conflict("You cannot change your own roles; ask another administrator.");
        }
        if (self && activeChange) {
            throw ApiException.conflict("You cannot deactivate yourself; ask another administrator.");
        }
        if (rolesChange) {
            assignment.check(caller, tenantId, rootId, requested);
        }
        boolean adminBefore = target.active() && UserAdminService.administersRoot(bindings, rootId);
        boolean adminAfter = active
                && (rolesChange && tenantId.equals(rootId)
                        ? LastAdminRule.administersRoot(wanted)
                        : UserAdminService.administersRoot(bindings, rootId));
        lastAdmin.check(rootId, userId, target.username(), adminBefore, adminAfter);

        String email = patch.email() == null ? target.email() : patch.email();
        String displayName = patch.displayName() == null ? target.displayName() : patch.displayName();
        Map<String, Object> fieldChanges = new LinkedHashMap<>();
        if (!email.equals(target.email())) {
            if (admin.emailTaken(tenantId, email, userId)) {
                throw UserAdminService.emailTaken(email);
            }
            fieldChanges.put("email", fromTo(target.email(), email));
        }
        if (!displayName.equals(target.displayName())) {
            fieldChanges.put("displayName", fromTo(target.displayName(), displayName));
        }
        if (fieldChanges.isEmpty() && !activeChange && !rolesChange) {
            return new Outcome(target.toAccount(current), List.of(), false);
        }

        Instant now = clock.instant();
        var updated = new UserAdminRepository.UserRecord(
                target.id(),
                tenantId,
                target.username(),
                email,
                displayName,
                active,
                target.createdAt(),
                target.createdBy(),
                now,
                caller.userId());
        admin.update(updated);
        if (!fieldChanges.isEmpty()) {
            audit.changed(context.call(), tenantId, AuditAction.USER_UPDATE, "user", userId, fieldChanges);
        }
        if (rolesChange) {
            admin.replaceGrants(tenantId, userId, wanted, now, caller.userId());
            audit.changed(
                    context.call(),
                    tenantId,
                    AuditAction.USER_ROLES,
                    "user",
                    userId,
                    Map.of("from", RoleAssignment.describe(current), "to", RoleAssignment.describe(wanted)));
        }
        List<UUID> revoked = new ArrayList<>();
        if (activeChange && !active) {
            revoked.addAll(admin.revokeSessions(tenantId, userId, "user deactivated", now));
            audit.changed(
                    context.call(),
                    tenantId,
                    AuditAction.USER_DEACTIVATE,
                    "user",
                    userId,
                    Map.of("username", target.username(), "sessionsRevoked", revoked.size()));
        } else if (activeChange) {
            audit.changed(
                    context.call(),
                    tenantId,
                    AuditAction.USER_REACTIVATE,
                    "user",
                    userId,
                    Map.of("username", target.username()));
        }
        return new Outcome(updated.toAccount(wanted), revoked, activeChange);
    }

    private static Map<String, Object> fromTo(Object from, Object to) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", from);
        change.put("to", to);
        return change;
    }

    private record Outcome(UserAccount account, List<UUID> revokedSessions, boolean activeChanged) {
        Outcome {
            Objects.requireNonNull(account);
        }
    }
}

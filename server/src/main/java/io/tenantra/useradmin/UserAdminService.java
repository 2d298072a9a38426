package io.tenantra.useradmin;

import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.CredentialGuard;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.PasswordRules;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RoleBinding;
import io.tenantra.identity.TenantAccess;
import io.tenantra.identity.TenantContext;
import io.tenantra.identity.UserDirectory;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import io.tenantra.tenancy.TenantDirectory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Listing, creating and deleting the users of a tenant (changing them is {@link UserUpdateService}).
 * Every method checks the caller's permission on the tenant itself, so the console, which calls
 * these directly, gets exactly the rules the API has.
 */
@Service
public class UserAdminService {

    /** The same rule as the CHECK on {@code app_user.username}. */
    static final String USERNAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._@-]{1,99}$";

    static final String NOT_BLANK = "(?s).*\\S.*";
    static final int MAX_ROLES = 20;
    private static final int MAX_QUERY = 200;

    private final UserAdminRepository admin;
    private final UserDirectory users;
    private final RoleAssignment assignment;
    private final GrantPolicy policy;
    private final LastAdminRule lastAdmin;
    private final TenantAccess access;
    private final TenantDirectory tenants;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final PasswordEncoder passwords;
    private final PasswordRules passwordRules;
    private final RequestValidation validation;
    private final CredentialGuard guard;
    private final Clock clock;

    UserAdminService(
            UserAdminRepository admin,
            UserDirectory users,
            RoleAssignment assignment,
            GrantPolicy policy,
            LastAdminRule lastAdmin,
            TenantAccess access,
            TenantDirectory tenants,
            TenantTransactions tx,
            AuditEvents audit,
            PasswordEncoder passwords,
            PasswordRules passwordRules,
            RequestValidation validation,
            CredentialGuard guard,
            Clock clock) {
        this.admin = admin;
        this.users = users;
        this.assignment = assignment;
        this.policy = policy;
        this.lastAdmin = lastAdmin;
        this.access = access;
        this.tenants = tenants;
        this.tx = tx;
        this.audit = audit;
        this.passwords = passwords;
        this.passwordRules = passwordRules;
        this.validation = validation;
        this.guard = guard;
        this.clock = clock;
    }

    /** {@code POST .../users}: roles as names (tenant and subtree), or bindings with their own reach. */
    public record NewUser(
            @NotBlank
            @Pattern(
                    regexp = USERNAME_PATTERN,
                    message = "must be 2 to 100 letters, digits or . _ @ -, starting with a letter or digit")
            String username,

            @NotBlank @Email @Size(min = 3, max = 254) String email,
            @NotNull String password,

            @Size(min = 1, max = 200) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
            String displayName,

            @Size(max = MAX_ROLES) List<@NotBlank @Size(max = 64) String> roles,
            @Size(max = MAX_ROLES) List<@NotNull @Valid GrantRequest> bindings) {}

    /** One binding asked for on the tenant; {@code subtree} defaults to true. */
    public record GrantRequest(@NotBlank @Size(max = 64) String role, Boolean subtree) {}

    /** Filters and paging for {@link #list}; every field optional. */
    public record UserQuery(Boolean active, String q, Integer limit, String cursor) {}

    public PageResponse<UserAccount> list(CurrentUser caller, UUID tenantId, UserQuery query) {
        TenantScope scope = access.require(caller, tenantId, Permission.USER_READ);
        int limit = Cursors.limit(query.limit());
        if (query.q() != null && query.q().length() > MAX_QUERY) {
            throw ApiException.invalid("q", "must be at most " + MAX_QUERY + " characters");
        }
        String afterName = null;
        UUID afterId = null;
        if (query.cursor() != null) {
            List<String> keys = Cursors.decode(query.cursor(), 2);
            afterName = keys.get(0);
            try {
                afterId = UUID.fromString(keys.get(1));
            } catch (IllegalArgumentException e) {
                throw Cursors.malformed();
            }
        }
        String name = afterName;
        UUID id = afterId;
        return tx.read(scope, () -> {
            List<UserAdminRepository.UserRecord> rows =
                    admin.list(tenantId, query.active(), query.q(), name, id, limit + 1);
            List<UserAdminRepository.UserRecord> page = rows.subList(0, Math.min(limit, rows.size()));
            Map<UUID, List<RoleGrant>> grants = admin.grantsOn(
                    tenantId,
                    page.stream().map(UserAdminRepository.UserRecord::id).toList());
            String next = null;
            if (rows.size() > limit) {
                var last = page.get(page.size() - 1);
                next = Cursors.encode(
                        last.username().toLowerCase(Locale.ROOT), last.id().toString());
            }
            return new PageResponse<>(
                    page.stream()
                            .map(u -> u.toAccount(grants.getOrDefault(u.id(), List.of())))
                            .toList(),
                    next);
        });
    }

    public UserAccount get(CurrentUser caller, UUID tenantId, UUID userId) {
        TenantScope scope = access.require(caller, tenantId, Permission.USER_READ);
        return tx.read(scope, () -> {
            var user = admin.find(tenantId, userId).orElseThrow(() -> ApiException.notFound("The user"));
            return user.toAccount(admin.grantsOn(tenantId, List.of(userId)).getOrDefault(userId, List.of()));
        });
    }

    /** The roles a form may offer on the tenant, each saying whether the caller may grant it. */
    public List<GrantableRole> grantableRoles(CurrentUser caller, UUID tenantId) {
        access.require(caller, tenantId, Permission.USER_READ);
        return assignment.grantable(caller, tenantId, rootId());
    }

    public UserAccount create(TenantContext context, UUID tenantId, NewUser request) {
        CurrentUser caller = context.user();
        TenantScope scope = access.require(caller, tenantId, Permission.USER_WRITE);
        validation.check(request);
        passwordRules.require(tenantId, "password", request.password(), request.username(), request.email());
        RoleAssignment.Requested requested = RoleAssignment.requested(request.roles(), request.bindings());
        List<RoleGrant> grants = requested == null ? List.of() : RoleAssignment.sorted(requested.grants());
        if (requested != null) {
            assignment.check(caller, tenantId, rootId(), requested);
        }
        String displayName = request.displayName() == null ? request.username() : request.displayName();
        // Hashing is deliberately slow: do it before the transaction, not while holding locks.
        String hash = passwords.encode(request.password());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        try {
            return tx.write(scope, () -> {
                if (users.usernameTaken(request.username())) {
                    throw usernameTaken(request.username());
                }
                if (admin.emailTaken(tenantId, request.email(), null)) {
                    throw emailTaken(request.email());
                }
                users.insert(
                        new UserDirectory.NewUser(id, tenantId, request.username(), request.email(), displayName, now),
                        hash,
                        caller.userId());
                admin.replaceGrants(tenantId, id, grants, now, caller.userId());
                Map<String, Object> changes = new LinkedHashMap<>();
                changes.put("username", request.username());
                changes.put("email", request.email());
                changes.put("displayName", displayName);
                changes.put("active", true);
                changes.put("roles", RoleAssignment.describe(grants));
                audit.changed(context.call(), tenantId, AuditAction.USER_CREATE, "user", id, changes);
                return admin.find(tenantId, id).orElseThrow().toAccount(grants);
            });
        } catch (DuplicateKeyException e) {
            // Lost a race with a concurrent create: answer as if the check above had seen it.
            throw duplicate(e, request.username(), request.email());
        }
    }

    /**
     * Removes the user for good, with its bindings and sessions. Refused for oneself, for users
     * holding more than the caller, and for the root tenant's last active administrator.
     */
    public void delete(TenantContext context, UUID tenantId, UUID userId) {
        CurrentUser caller = context.user();
        TenantScope scope = access.require(caller, tenantId, Permission.USER_WRITE);
        UUID rootId = rootId();
        List<UUID> sessions;
        try {
            sessions = tx.write(scope, () -> {
                var target = admin.findForUpdate(tenantId, userId).orElseThrow(() -> ApiException.notFound("The user"));
                if (userId.equals(caller.userId())) {
                    throw ApiException.conflict("You cannot delete yourself; ask another administrator.");
                }
                List<RoleBinding> bindings = users.bindingsOf(userId);
                policy.checkMayManage(caller, bindings);
                lastAdmin.check(
                        rootId, userId, target.username(), target.active() && administersRoot(bindings, rootId), false);
                List<UUID> revoked = admin.delete(tenantId, userId);
                audit.changed(
                        context.call(),
                        tenantId,
                        AuditAction.USER_DELETE,
                        "user",
                        userId,
                        Map.of("username", target.username(), "email", target.email()));
                return revoked;
            });
        } catch (DataIntegrityViolationException e) {
            throw ApiException.conflict(
                    "Other records still refer to this user, so it cannot be deleted;" + " deactivate it instead.");
        }
        guard.forgetUser(userId);
        sessions.forEach(guard::forgetSession);
    }

    /**
     * The password rule for new passwords. Kept in this one method so that the full password
     * policy (history, breached-password list, per-tenant settings) can replace it in one place.
     */
    UUID rootId() {
        return tenants.rootTenantId().orElseThrow(() -> new IllegalStateException("no root tenant"));
    }

    static boolean administersRoot(List<RoleBinding> bindings, UUID rootId) {
        return LastAdminRule.administersRoot(bindings.stream()
                .filter(b -> b.tenantId().equals(rootId))
                .map(b -> new RoleGrant(b.role(), b.subtree()))
                .toList());
    }

    static ApiException usernameTaken(String username) {
        return ApiException.conflict("The username '" + username
                + "' is already taken; usernames are unique across the whole platform, ignoring case.");
    }

    static ApiException emailTaken(String email) {
        return ApiException.conflict("Another user of this tenant already has the e-mail address " + email + ".");
    }

    static ApiException duplicate(DuplicateKeyException e, String username, String email) {
        String message = String.valueOf(e.getMostSpecificCause().getMessage());
        if (message.contains("app_user_username_key")) {
            return usernameTaken(username);
        }
        if (message.contains("app_user_tenant_email_key")) {
            return emailTaken(email);
        }
        return ApiException.conflict("The change conflicts with another one made at the same time; try again.");
    }
}

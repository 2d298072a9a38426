package io.tenantra.useradmin;

import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.BuiltInRole;
import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.identity.TenantContext;
import io.tenantra.platform.audit.AuditAction;
import io.tenantra.platform.audit.AuditEvents;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.Cursors;
import io.tenantra.platform.web.PageResponse;
import io.tenantra.platform.web.ProblemType;
import io.tenantra.tenancy.TenantHierarchy;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The roles usable on a tenant, and the custom roles it defines. A custom role is usable on its
 * tenant and every tenant below it, so its name must be unambiguous along that path: it may not
 * repeat a built-in role, nor a custom role of an ancestor or a descendant.
 */
@Service
public class RoleAdminService {

    static final int MAX_CUSTOM_ROLES_PER_TENANT = 100;
    /** The same rule as the CHECK on {@code custom_role.name}. */
    static final String NAME_PATTERN = "^[A-Za-z][A-Za-z0-9 _.-]{1,62}$";

    private final CustomRoleRepository roles;
    private final RoleCatalog catalog;
    private final RoleDefinitions definitions;
    private final GrantPolicy policy;
    private final TenantAccess access;
    private final TenantHierarchy hierarchy;
    private final TenantTransactions tx;
    private final AuditEvents audit;
    private final RequestValidation validation;
    private final Clock clock;

    RoleAdminService(
            CustomRoleRepository roles,
            RoleCatalog catalog,
            RoleDefinitions definitions,
            GrantPolicy policy,
            TenantAccess access,
            TenantHierarchy hierarchy,
            TenantTransactions tx,
            AuditEvents audit,
            RequestValidation validation,
            Clock clock) {
        this.roles = roles;
        this.catalog = catalog;
        this.definitions = definitions;
        this.policy = policy;
        this.access = access;
        this.hierarchy = hierarchy;
        this.tx = tx;
        this.audit = audit;
        this.validation = validation;
        this.clock = clock;
    }

    public record NewRole(
            @NotBlank @Pattern(regexp = NAME_PATTERN, message = NAME_RULE)
            String name,

            @Size(max = 500) String description,
            @NotNull @Size(min = 1, max = 64) List<@NotBlank @Size(max = 64) String> permissions) {}

    /** Any subset of the fields; renaming is only possible while the role is not bound. */
    public record RolePatch(
            @Pattern(regexp = NAME_PATTERN, message = NAME_RULE)
            String name,

            @Size(max = 500) String description,
            @Size(min = 1, max = 64) List<@NotBlank @Size(max = 64) String> permissions) {}

    static final String NAME_RULE = "must be 2 to 63 characters: a letter, then letters, digits, spaces or . _ -";

    /** Built-in roles first, in their documented order, then the usable custom roles by name. */
    public PageResponse<RoleDefinition> list(CurrentUser caller, UUID tenantId, Integer limit, String cursor) {
        access.require(caller, tenantId, Permission.ROLE_READ);
        return definitions.page(catalog.usableOn(tenantId).values(), Cursors.limit(limit), cursor);
    }

    /** A custom role usable on the tenant (defined there or on an ancestor); built-in roles have no id. */
    public RoleDefinition get(CurrentUser caller, UUID tenantId, UUID roleId) {
        access.require(caller, tenantId, Permission.ROLE_READ);
        List<UUID> chain = catalog.ancestry(tenantId);
        return tx.read(TenantScope.of(chain), () -> roles.findAmong(chain, roleId))
                .map(RoleDefinitions::of)
                .orElseThrow(() -> ApiException.notFound("The role"));
    }

    public RoleDefinition create(TenantContext context, UUID tenantId, NewRole request) {
        CurrentUser caller = context.user();
        TenantScope scope = access.require(caller, tenantId, Permission.ROLE_WRITE);
        validation.check(request);
        Set<Permission> permissions = parsePermissions(request.permissions());
        checkNotBuiltIn(request.name());
        policy.checkDefine(caller, tenantId, permissions, false);
        Instant now = clock.instant();
        var role = new CustomRoleRepository.RoleRow(
                UUID.randomUUID(),
                tenantId,
                request.name(),
                request.description() == null ? "" : request.description(),
                names(permissions),
                now,
                caller.userId(),
                now,
                caller.userId());
        try {
            return tx.write(scope, () -> {
                checkNameFree(tenantId, role.name(), null);
                if (roles.countOn(tenantId) >= MAX_CUSTOM_ROLES_PER_TENANT) {
                    throw ApiException.conflict("This tenant already defines " + MAX_CUSTOM_ROLES_PER_TENANT
                            + " custom roles, the most it may; delete one first.");
                }
                roles.insert(role);
                Map<String, Object> changes = new LinkedHashMap<>();
                changes.put("name", role.name());
                changes.put("description", role.description());
                changes.put("permissions", role.permissions());
                audit.changed(context.call(), tenantId, AuditAction.ROLE_CREATE, "role", role.id(), changes);
                return RoleDefinitions.of(role);
            });
        } catch (DuplicateKeyException e) {
            throw nameTaken(request.name());
        }
    }

    public RoleDefinition update(TenantContext context, UUID tenantId, UUID roleId, RolePatch patch) {
        CurrentUser caller = context.user();
        TenantScope scope = access.require(caller, tenantId, Permission.ROLE_WRITE);
        validation.check(patch);
        Set<Permission> wanted = patch.permissions() == null ? null : parsePermissions(patch.permissions());
        try {
            return tx.write(scope, () -> {
                var role = lockOwnRole(tenantId, roleId);
                // Whoever defined it may have held more than the caller: only a peer may change it.
                policy.checkDefine(caller, tenantId, role.granted(), false);
                Map<String, Object> changes = new LinkedHashMap<>();
                String name = patch.name() == null ? role.name() : patch.name();
                if (!name.equals(role.name())) {
                    checkNotBuiltIn(name);
                    checkNameFree(tenantId, name, roleId);
                    long bound = boundCount(tenantId, role.name());
                    if (bound > 0) {
                        throw ApiException.conflict("The role " + role.name() + " is bound " + bound
                                + " time(s); a role can only be renamed while nobody holds it.");
                    }
                    changes.put("name", fromTo(role.name(), name));
                }
                String description = patch.description() == null ? role.description() : patch.description();
                if (!description.equals(role.description())) {
                    changes.put("description", fromTo(role.description(), description));
                }
                List<String> permissions = wanted == null ? role.permissions() : names(wanted);
                if (!Set.copyOf(permissions).equals(Set.copyOf(role.permissions()))) {
                    Set<Permission> added = EnumSet.copyOf(wanted);
                    added.removeAll(role.granted());
                    // Bindings below this tenant gain what is added, so the caller must hold it there too.
                    policy.checkDefine(caller, tenantId, added, true);
                    changes.put("permissions", fromTo(role.permissions(), permissions));
                }
                if (changes.isEmpty()) {
                    return RoleDefinitions.of(role);
                }
                var updated = new CustomRoleRepository.RoleRow(
                        role.id(),
                        tenantId,
                        name,
                        description,
                        permissions,
                        role.createdAt(),
                        role.createdBy(),
                        clock.instant(),
                        caller.userId());
                roles.update(updated);
                audit.changed(context.call(), tenantId, AuditAction.ROLE_UPDATE, "role", roleId, changes);
                return RoleDefinitions.of(updated);
            });
        } catch (DuplicateKeyException e) {
            throw nameTaken(patch.name());
        }
    }

    /** Refused while any user holds the role, so that deleting never silently takes access away. */
    public void delete(TenantContext context, UUID tenantId, UUID roleId) {
        CurrentUser caller = context.user();
        TenantScope scope = access.require(caller, tenantId, Permission.ROLE_WRITE);
        tx.write(scope, () -> {
            var role = lockOwnRole(tenantId, roleId);
            policy.checkDefine(caller, tenantId, role.granted(), false);
            long bound = boundCount(tenantId, role.name());
            if (bound > 0) {
                throw ApiException.conflict("The role " + role.name() + " is bound " + bound
                        + " time(s); remove it from those users before deleting it.");
            }
            roles.delete(tenantId, roleId);
            audit.changed(
                    context.call(),
                    tenantId,
                    AuditAction.ROLE_DELETE,
                    "role",
                    roleId,
                    Map.of("name", role.name(), "permissions", role.permissions()));
            return null;
        });
    }

    /** The role, locked, when the tenant defines it; 409 when an ancestor does; 404 otherwise. */
    private CustomRoleRepository.RoleRow lockOwnRole(UUID tenantId, UUID roleId) {
        return roles.findForUpdate(tenantId, roleId).orElseThrow(() -> {
            List<UUID> chain = catalog.ancestry(tenantId);
            boolean inherited = tx.read(TenantScope.of(chain), () -> roles.findAmong(chain, roleId))
                    .isPresent();
            return inherited
                    ? ApiException.conflict("This role is defined on an ancestor tenant and can only be changed there.")
                    : ApiException.notFound("The role");
        });
    }

    private void checkNameFree(UUID tenantId, String name, UUID exceptId) {
        if (!roles.tenantsDefining(List.of(tenantId), name, exceptId).isEmpty()) {
            throw nameTaken(name);
        }
        List<UUID> chain = catalog.ancestry(tenantId);
        List<UUID> ancestors = chain.subList(1, chain.size());
        if (!ancestors.isEmpty()
                && !tx.read(TenantScope.of(ancestors), () -> roles.tenantsDefining(ancestors, name, exceptId))
                        .isEmpty()) {
            throw ApiException.conflict("A role named " + name + " is already defined on an ancestor tenant and is"
                    + " usable here; choose another name.");
        }
        List<UUID> subtree = hierarchy.subtree(tenantId);
        if (!tx.read(TenantScope.of(subtree), () -> roles.tenantsDefining(subtree, name, exceptId))
                .isEmpty()) {
            throw ApiException.conflict("A role named " + name + " is already defined on a tenant below this one;"
                    + " choose another name so that it stays unambiguous there.");
        }
    }

    /** Bindings naming the role anywhere it is usable: on the tenant and below it. */
    private long boundCount(UUID tenantId, String name) {
        List<UUID> subtree = hierarchy.subtree(tenantId);
        return tx.read(TenantScope.of(subtree), () -> roles.countBindings(subtree, name));
    }

    private static void checkNotBuiltIn(String name) {
        for (BuiltInRole role : BuiltInRole.values()) {
            if (role.name().equalsIgnoreCase(name)) {
                throw ApiException.invalid("name", "must not be the name of a built-in role");
            }
        }
    }

    /** 422 naming each unknown, repeated or forbidden permission. */
    static Set<Permission> parsePermissions(List<String> names) {
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        List<ApiException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String field = "permissions[" + i + "]";
            Permission permission;
            try {
                permission = Permission.valueOf(names.get(i));
            } catch (IllegalArgumentException e) {
                errors.add(new ApiException.FieldError(field, "is not a known permission"));
                continue;
            }
            if (permission == Permission.PLATFORM_ADMIN) {
                errors.add(new ApiException.FieldError(field, "PLATFORM_ADMIN can never be part of a custom role"));
            } else if (!result.add(permission)) {
                errors.add(new ApiException.FieldError(field, "is already listed"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The request has invalid fields.", errors);
        }
        return result;
    }

    private static List<String> names(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Enum::name).toList();
    }

    private static ApiException nameTaken(String name) {
        return ApiException.conflict("This tenant already defines a role named " + name + " (names ignore case).");
    }

    private static Map<String, Object> fromTo(Object from, Object to) {
        Map<String, Object> change = new LinkedHashMap<>();
        change.put("from", from);
        change.put("to", to);
        return change;
    }
}

package io.tenantra.useradmin;

import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.BuiltInRole;
import io.tenantra.identity.Permission;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.TenantHierarchy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Which roles can be bound on a tenant: the built-in ones, and the custom roles defined on that
 * tenant or an ancestor. A name resolves exactly as the SQL function {@code auth_role_bindings}
 * does at login: built-in first, then the nearest custom definition up the tree.
 */
@Component
class RoleCatalog {

    private final CustomRoleRepository roles;
    private final TenantTransactions tx;
    private final TenantHierarchy hierarchy;

    RoleCatalog(CustomRoleRepository roles, TenantTransactions tx, TenantHierarchy hierarchy) {
        this.roles = roles;
        this.tx = tx;
        this.hierarchy = hierarchy;
    }

    /** The tenant itself, then its parent, up to the root. */
    List<UUID> ancestry(UUID tenantId) {
        List<UUID> chain = new ArrayList<>();
        for (UUID at = tenantId;
                at != null && !chain.contains(at);
                at = hierarchy.parentOf(at).orElse(null)) {
            chain.add(at);
        }
        return chain;
    }

    /**
     * Every role usable on the tenant by name: built-in roles in their documented order, then
     * custom roles by name. Reading the ancestors' definitions is deliberate even for callers who
     * cannot see those tenants: a role defined there is usable here, so its definition is too.
     */
    Map<String, Resolved> usableOn(UUID tenantId) {
        Map<String, Resolved> result = new LinkedHashMap<>();
        for (BuiltInRole role : BuiltInRole.values()) {
            result.put(role.name(), new Resolved(role.name(), role.permissions(), role, null));
        }
        List<UUID> chain = ancestry(tenantId);
        List<CustomRoleRepository.RoleRow> defined = tx.read(TenantScope.of(chain), () -> roles.findOn(chain));
        // Nearest definition wins, as at login; a name can only be shadowed by data made outside the API.
        Map<String, CustomRoleRepository.RoleRow> nearest = new LinkedHashMap<>();
        defined.stream()
                .sorted(Comparator.comparingInt(r -> chain.indexOf(r.tenantId())))
                .forEach(r -> nearest.putIfAbsent(r.name(), r));
        nearest.values().stream()
                .sorted(Comparator.comparing(
                                (CustomRoleRepository.RoleRow r) -> r.name().toLowerCase(Locale.ROOT))
                        .thenComparing(CustomRoleRepository.RoleRow::id))
                .forEach(r -> result.putIfAbsent(r.name(), new Resolved(r.name(), r.granted(), null, r)));
        return result;
    }

    Optional<Resolved> resolve(UUID tenantId, String name) {
        return Optional.ofNullable(usableOn(tenantId).get(name));
    }

    /** A role name resolved on a tenant: exactly one of {@code builtIn} and {@code custom} is set. */
    record Resolved(
            String name, Set<Permission> permissions, BuiltInRole builtIn, CustomRoleRepository.RoleRow custom) {}
}

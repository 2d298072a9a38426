package io.tenantra.useradmin;

import io.tenantra.identity.CurrentUser;
import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Turns the roles a user request asks for into bindings on the tenant, and checks them: every
 * name must resolve to a role usable there, and the caller must be allowed to grant each one.
 */
@Component
class RoleAssignment {

    private final RoleCatalog catalog;
    private final GrantPolicy policy;

    RoleAssignment(RoleCatalog catalog, GrantPolicy policy) {
        this.catalog = catalog;
        this.policy = policy;
    }

    /**
     * The bindings asked for, from either {@code roles} (each for the tenant and its subtree) or
     * {@code bindings} (each with its own reach); null when the request names neither.
     */
    static Requested requested(List<String> roles, List<UserAdminService.GrantRequest> bindings) {
        if (roles != null && bindings != null) {
            throw new ApiException(
                    ProblemType.VALIDATION_FAILED,
                    "Give either roles or bindings, not both.",
                    List.of(new ApiException.FieldError("bindings", "cannot be combined with roles")));
        }
        if (roles == null && bindings == null) {
            return null;
        }
        List<RoleGrant> grants = new ArrayList<>();
        if (roles != null) {
            roles.forEach(role -> grants.add(new RoleGrant(role, true)));
        } else {
            bindings.forEach(b -> grants.add(new RoleGrant(b.role(), b.subtree() == null || b.subtree())));
        }
        Requested requested = new Requested(grants, roles != null ? "roles" : "bindings");
        Set<String> seen = new HashSet<>();
        List<ApiException.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < grants.size(); i++) {
            if (!seen.add(grants.get(i).role())) {
                errors.add(new ApiException.FieldError(requested.field(i), "names a role already listed"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The request has invalid fields.", errors);
        }
        return requested;
    }

    /** 422 for names not usable on the tenant, then 403/422 from {@link GrantPolicy#checkGrant}. */
    void check(CurrentUser caller, UUID tenantId, UUID rootId, Requested requested) {
        Map<String, RoleCatalog.Resolved> usable = catalog.usableOn(tenantId);
        List<ApiException.FieldError> unknown = new ArrayList<>();
        for (int i = 0; i < requested.grants().size(); i++) {
            if (!usable.containsKey(requested.grants().get(i).role())) {
                unknown.add(new ApiException.FieldError(
                        requested.field(i), "is not a built-in role or a custom role usable on this tenant"));
            }
        }
        if (!unknown.isEmpty()) {
            throw new ApiException(ProblemType.VALIDATION_FAILED, "The request names unknown roles.", unknown);
        }
        for (int i = 0; i < requested.grants().size(); i++) {
            RoleGrant grant = requested.grants().get(i);
            policy.checkGrant(caller, tenantId, rootId, usable.get(grant.role()), grant.subtree(), requested.field(i));
        }
    }

    /** Each usable role on the tenant, and whether the caller may grant it there with its subtree. */
    List<GrantableRole> grantable(CurrentUser caller, UUID tenantId, UUID rootId) {
        List<GrantableRole> result = new ArrayList<>();
        for (RoleCatalog.Resolved role : catalog.usableOn(tenantId).values()) {
            boolean allowed;
            try {
                policy.checkGrant(caller, tenantId, rootId, role, true, "roles");
                allowed = true;
            } catch (ApiException e) {
                allowed = false;
            }
            result.add(new GrantableRole(
                    role.name(),
                    role.builtIn() != null
                            ? PermissionCatalog.describe(role.builtIn())
                            : role.custom().description(),
                    role.permissions().stream().sorted().map(Enum::name).toList(),
                    role.builtIn() != null,
                    allowed));
        }
        return result;
    }

    static List<RoleGrant> sorted(List<RoleGrant> grants) {
        return grants.stream().sorted(Comparator.comparing(RoleGrant::role)).toList();
    }

    /** For audit records: plain maps, stable under any JSON mapper. */
    static List<Map<String, Object>> describe(List<RoleGrant> grants) {
        return sorted(grants).stream()
                .map(g -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("role", g.role());
                    entry.put("subtree", g.subtree());
                    return entry;
                })
                .toList();
    }

    record Requested(List<RoleGrant> grants, String field) {
        String field(int index) {
            return "roles".equals(field) ? "roles[" + index + "]" : "bindings[" + index + "].role";
        }
    }
}

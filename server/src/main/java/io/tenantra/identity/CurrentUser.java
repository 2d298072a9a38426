package io.tenantra.identity;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller, as controllers see it: the user, their home tenant, their role
 * bindings and the union of the permissions those roles grant.
 */
public record CurrentUser(
        UUID userId, UUID tenantId, String username, List<RoleBinding> bindings, String sessionId) {

    public CurrentUser {
        bindings = List.copyOf(bindings);
    }

    public Set<String> roles() {
        return Set.copyOf(bindings.stream().map(RoleBinding::role).toList());
    }

    public Set<Permission> permissions() {
        Set<Permission> all = EnumSet.noneOf(Permission.class);
        for (RoleBinding binding : bindings) {
            BuiltInRole.find(binding.role()).ifPresent(role -> all.addAll(role.permissions()));
        }
        return all;
    }
}

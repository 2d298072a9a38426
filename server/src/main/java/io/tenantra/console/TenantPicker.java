package io.tenantra.console;

import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.TenantAccess;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.tenancy.Tenant;
import io.tenantra.tenancy.TenantDirectory;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The tenant a console page works on: one of those where the signed-in user holds the page's
 * permission, by default their home tenant. A tenant outside that set answers 404, as in the API.
 */
@Component
public class TenantPicker {

    private final TenantAccess access;
    private final TenantDirectory tenants;

    TenantPicker(TenantAccess access, TenantDirectory tenants) {
        this.access = access;
        this.tenants = tenants;
    }

    public Choice pick(CurrentUser user, UUID requested, Permission permission) {
        Set<UUID> allowed = access.tenantsWith(user, permission);
        if (allowed.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        List<Tenant> choices = tenants.visible(TenantScope.of(allowed));
        UUID selected;
        if (requested != null) {
            if (!allowed.contains(requested)) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            selected = requested;
        } else {
            selected = allowed.contains(user.tenantId())
                    ? user.tenantId()
                    : allowed.iterator().next();
        }
        return new Choice(choices, selected);
    }

    /** Whether the user also holds {@code permission} on the tenant (to show forms and buttons). */
    public boolean holds(CurrentUser user, UUID tenantId, Permission permission) {
        return access.permissionsOn(user, tenantId).contains(permission);
    }

    public Set<Permission> held(CurrentUser user, UUID tenantId) {
        return access.permissionsOn(user, tenantId);
    }

    public record Choice(List<Tenant> tenants, UUID selected) {}
}

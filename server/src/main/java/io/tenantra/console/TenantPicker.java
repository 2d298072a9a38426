package io.tenantra.console;

import io.tenantra.identity.CurrentUser;
import io.tenantra.identity.Permission;
import io.tenantra.identity.TenantAccess;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What the signed-in user may do on the tenant a console page shows (to show forms and buttons).
 * Choosing that tenant is {@link TenantChoices}' job.
 */
@Component
public class TenantPicker {

    private final TenantAccess access;

    TenantPicker(TenantAccess access) {
        this.access = access;
    }

    /** Whether the user also holds {@code permission} on the tenant (to show forms and buttons). */
    public boolean holds(CurrentUser user, UUID tenantId, Permission permission) {
        return access.permissionsOn(user, tenantId).contains(permission);
    }

    public Set<Permission> held(CurrentUser user, UUID tenantId) {
        return access.permissionsOn(user, tenantId);
    }
}

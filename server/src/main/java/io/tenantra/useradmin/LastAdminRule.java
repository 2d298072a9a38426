package io.tenantra.useradmin;

import io.tenantra.database.TenantTransactions;
import io.tenantra.identity.BuiltInRole;
import io.tenantra.platform.context.TenantScope;
import io.tenantra.platform.web.ApiException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The platform must keep at least one active administrator on its root tenant: otherwise nobody
 * could ever manage it again short of editing the database. Deleting, deactivating or demoting
 * the last one is refused with 409.
 */
@Component
class LastAdminRule {

    static final List<String> ADMIN_ROLES =
            List.of(BuiltInRole.SUPER_ADMIN.name(), BuiltInRole.MSP_ADMIN.name(), BuiltInRole.ADMIN.name());

    private final UserAdminRepository users;
    private final TenantTransactions tx;

    LastAdminRule(UserAdminRepository users, TenantTransactions tx) {
        this.users = users;
        this.tx = tx;
    }

    static boolean administersRoot(Collection<RoleGrant> grantsOnRoot) {
        return grantsOnRoot.stream().anyMatch(g -> ADMIN_ROLES.contains(g.role()));
    }

    /**
     * Call inside the change's transaction, before applying it. {@code adminBefore}: the user is
     * now an active root administrator; {@code adminAfter}: still one after the change.
     */
    void check(UUID rootId, UUID userId, String username, boolean adminBefore, boolean adminAfter) {
        if (!adminBefore || adminAfter) {
            return;
        }
        long others = tx.read(TenantScope.of(rootId), () -> {
            // Two admins removing each other at once must not both succeed: decide one at a time.
            users.lockRootAdmins();
            return users.countOtherActiveAdmins(rootId, ADMIN_ROLES, userId);
        });
        if (others == 0) {
            throw ApiException.conflict(username + " is the last active administrator of the root tenant. Give "
                    + "another active user ADMIN, MSP_ADMIN or SUPER_ADMIN there first.");
        }
    }
}

package io.tenantra.useradmin.web;

import io.tenantra.console.DashboardTile;
import io.tenantra.identity.TenantAccess;
import io.tenantra.identity.UserDirectory;
import io.tenantra.platform.context.TenantScope;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dashboard tile counting the users in the tenants the signed-in user can see. */
@Configuration(proxyBeanMethods = false)
class UserTiles {

    @Bean
    DashboardTile userCountTile(UserDirectory users, TenantAccess access) {
        return new DashboardTile(
                "user-count",
                200,
                null,
                user -> DashboardTile.Content.figure(
                        "Users", users.count(TenantScope.of(access.visibleTenants(user))), null));
    }
}

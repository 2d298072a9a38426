package io.tenantra.msp.web;

import io.tenantra.console.NavItem;
import io.tenantra.identity.Permission;
import io.tenantra.identity.TenantAccess;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The MSP roll-up in the navigation, for users who can see more than their own tenant. */
@Configuration(proxyBeanMethods = false)
class MspNavigation {

    @Bean
    NavItem mspClientsNavItem(TenantAccess access) {
        return new NavItem(
                "Clients",
                "/msp/clients",
                "buildings",
                150,
                Permission.TENANT_READ,
                user -> access.tenantsWith(user, Permission.TENANT_READ).size() > 1);
    }
}

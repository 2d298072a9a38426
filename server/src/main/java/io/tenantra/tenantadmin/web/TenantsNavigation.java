package io.tenantra.tenantadmin.web;

import io.tenantra.console.NavGroup;
import io.tenantra.console.NavItem;
import io.tenantra.identity.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The tenants page in the navigation, for everyone who may read some tenant. */
@Configuration(proxyBeanMethods = false)
class TenantsNavigation {

    @Bean
    NavItem tenantsNavItem() {
        return new NavItem("Tenants", "/tenants", "diagram-3", 10, Permission.TENANT_READ, NavGroup.ADMINISTRATION);
    }
}

package io.tenantra.useradmin.web;

import io.tenantra.console.NavGroup;
import io.tenantra.console.NavItem;
import io.tenantra.identity.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Navigation entries for the access pages: API keys and impersonation. */
@Configuration(proxyBeanMethods = false)
class AccessNavigation {

    @Bean
    NavItem apiKeysNavItem() {
        return new NavItem("API keys", "/api-keys", "key", 500, Permission.API_KEY_READ, NavGroup.ADMINISTRATION);
    }

    @Bean
    NavItem impersonateNavItem() {
        return new NavItem(
                "Impersonate", "/impersonate", "person-badge", 510, Permission.IMPERSONATE, NavGroup.ADMINISTRATION);
    }
}

package io.tenantra.useradmin.web;

import io.tenantra.console.NavGroup;
import io.tenantra.console.NavItem;
import io.tenantra.identity.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The user and role administration pages in the navigation, for those who may read them. */
@Configuration(proxyBeanMethods = false)
class IdentityNavigation {

    @Bean
    NavItem usersNavItem() {
        return new NavItem("Users", "/users", "people", 20, Permission.USER_READ, NavGroup.ADMINISTRATION);
    }

    @Bean
    NavItem rolesNavItem() {
        return new NavItem("Roles", "/roles", "shield-lock", 30, Permission.ROLE_READ, NavGroup.ADMINISTRATION);
    }
}

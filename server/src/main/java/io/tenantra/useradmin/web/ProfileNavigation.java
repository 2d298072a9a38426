package io.tenantra.useradmin.web;

import io.tenantra.console.NavItem;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The profile page is for everyone signed in. */
@Configuration(proxyBeanMethods = false)
class ProfileNavigation {

    @Bean
    NavItem profileNavItem() {
        return new NavItem("Profile", "/profile", "person", 900, null);
    }
}

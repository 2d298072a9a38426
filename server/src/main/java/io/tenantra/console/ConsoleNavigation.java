package io.tenantra.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console's own pages in the navigation. */
@Configuration(proxyBeanMethods = false)
class ConsoleNavigation {

    @Bean
    NavItem dashboardNavItem() {
        return new NavItem("Dashboard", "/", "speedometer", 0, null);
    }

    @Bean
    NavItem apiDocsNavItem() {
        return new NavItem("API reference", "/api/docs", "book", 1000, null, NavGroup.PLATFORM);
    }
}

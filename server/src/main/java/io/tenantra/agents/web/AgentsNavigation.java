package io.tenantra.agents.web;

import io.tenantra.console.NavGroup;
import io.tenantra.console.NavItem;
import io.tenantra.identity.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Navigation entries for the agent pages: agents, enrollment tokens, scans. */
@Configuration(proxyBeanMethods = false)
class AgentsNavigation {

    @Bean
    NavItem agentsNavItem() {
        return new NavItem("Agents", "/agents", "pc-display", 200, Permission.AGENT_READ, NavGroup.FLEET);
    }

    @Bean
    NavItem enrollmentTokensNavItem() {
        return new NavItem("Enrollment", "/enrollment-tokens", "plug", 210, Permission.AGENT_READ, NavGroup.FLEET);
    }

    @Bean
    NavItem scansNavItem() {
        return new NavItem("Scans", "/scans", "activity", 220, Permission.SCAN_READ, NavGroup.FLEET);
    }
}

package io.tenantra.compliance.web;

import io.tenantra.console.NavItem;
import io.tenantra.identity.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one navigation entry of the compliance pages. The policy library and the exceptions are
 * reached from the compliance overview, so the top bar keeps room for every module at 1440 px.
 */
@Configuration(proxyBeanMethods = false)
class ComplianceNavigation {

    @Bean
    NavItem complianceNavItem() {
        return new NavItem("Compliance", "/compliance", "clipboard-check", 300, Permission.COMPLIANCE_READ);
    }
}

package io.tenantra.compliance.web;

import io.tenantra.console.NavItem;
import io.tenantra.identity.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Navigation entries of the compliance pages. */
@Configuration(proxyBeanMethods = false)
class ComplianceNavigation {

    @Bean
    NavItem complianceNavItem() {
        return new NavItem("Compliance", "/compliance", "clipboard-check", 300, Permission.COMPLIANCE_READ);
    }

    @Bean
    NavItem complianceLibraryNavItem() {
        return new NavItem("Policies", "/compliance/library", "journal-check", 305, Permission.COMPLIANCE_READ);
    }

    @Bean
    NavItem complianceExceptionsNavItem() {
        return new NavItem("Exceptions", "/compliance/exceptions", "shield-check", 310, Permission.COMPLIANCE_READ);
    }
}

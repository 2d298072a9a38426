package io.tenantra.audit.web;

import io.tenantra.console.NavGroup;
import io.tenantra.console.NavItem;
import io.tenantra.identity.Permission;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The audit log page in the navigation, for callers who may read a trail somewhere. */
@Configuration(proxyBeanMethods = false)
class AuditNavigation {

    @Bean
    NavItem auditLogsNavItem() {
        return new NavItem(
                "Audit log", "/audit-logs", "shield-check", 900, Permission.AUDIT_READ, NavGroup.ADMINISTRATION);
    }
}

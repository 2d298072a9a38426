/**
 * The shell of the server-rendered web console (Thymeleaf + htmx): the layout and its role-aware
 * navigation, the login page, the one page error handler ({@code PageErrors}), the dashboard, the
 * console's one tenant context ({@code TenantChoices}, the header's {@code TenantSwitcher}, the
 * {@code ?tenant=} parameter; docs/console.md) and form and time helpers. Modules own their pages
 * (in their {@code web} package, templates under {@code templates/<module>/}) and plug into the
 * shell through the contribution points {@link io.tenantra.console.NavItem} and
 * {@link io.tenantra.console.DashboardTile}; two contributions claiming one target or tile id
 * stop the server at startup. The console depends on no feature module (ADR 0007).
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Console",
        allowedDependencies = {"platform", "identity", "tenancy"})
package io.tenantra.console;

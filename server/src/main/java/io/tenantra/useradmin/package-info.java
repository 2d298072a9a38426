/**
 * User and access administration: the people side of identity. Users (create, change, activate,
 * delete, role grants), custom roles and the permission catalogue, API keys, the signed-in user's
 * profile and MFA enrolment ({@code /api/v1/me}), and starting an impersonation, each with its
 * API and its console pages (package {@code web}, templates under {@code templates/useradmin/}).
 *
 * <p>Uses identity only through its public base-package types: {@code TenantAccess} for every
 * tenant check, {@code UserDirectory} for the user rows login also reads, and the facades identity
 * keeps because authentication needs the same data ({@code ApiKeys}, {@code ProfileService},
 * {@code MfaService}, {@code Impersonation}). Identity never depends on this module.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "User and access administration",
        allowedDependencies = {"platform", "database", "tenancy", "identity", "console"})
package io.tenantra.useradmin;

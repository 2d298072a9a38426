/**
 * Who is calling and what they may do: authentication (passwords, login protection, MFA
 * verification at login, API-key authentication), console sessions and impersonation sessions,
 * access and refresh tokens, the signing keys and JWKS behind them, the web security
 * configuration, and the authorization kernel every module uses: {@link
 * io.tenantra.identity.Permission}, {@link io.tenantra.identity.RequiresPermission}, {@link
 * io.tenantra.identity.TenantAccess}, {@link io.tenantra.identity.CurrentUser}.
 *
 * <p>Administration of users, roles, API keys, profiles and MFA enrolment lives in {@code
 * useradmin}, which calls the facades kept here where both sides use the same data ({@link
 * io.tenantra.identity.UserDirectory}, {@link io.tenantra.identity.ApiKeys}, {@link
 * io.tenantra.identity.ProfileService}, {@link io.tenantra.identity.MfaService}, {@link
 * io.tenantra.identity.Impersonation}). Identity does not depend on it.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Identity and access",
        allowedDependencies = {"platform", "database", "tenancy"})
package io.tenantra.identity;

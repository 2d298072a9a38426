/**
 * Who is calling and what they may do: users, passwords, roles and permissions, access and
 * refresh tokens, the signing keys behind them, and the web security configuration that puts
 * every request through them. Exposes {@link io.tenantra.identity.CurrentUser} for controllers.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity and access")
package io.tenantra.identity;

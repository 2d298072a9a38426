package io.tenantra.useradmin;

/**
 * A role a user holds on one tenant, as the user API shows and accepts it; {@code subtree} false
 * means "this tenant only" instead of the tenant and everything below it.
 */
public record RoleGrant(String role, boolean subtree) {}

package io.tenantra.useradmin;

import java.util.List;

/**
 * A role usable on a tenant, as a form that assigns roles shows it: {@code grantable} says whether
 * the signed-in caller may grant it there (for the tenant and the tenants below it).
 */
public record GrantableRole(
        String name, String description, List<String> permissions, boolean builtIn, boolean grantable) {}

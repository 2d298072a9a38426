package io.tenantra.identity;

import java.util.UUID;

/** A role granted on a tenant; {@code subtree} extends it to all of that tenant's descendants. */
public record RoleBinding(UUID tenantId, String role, boolean subtree) {}

package io.tenantra.isolation;

import io.tenantra.identity.Permission;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * How the isolation matrix exercises one tenant-scoped endpoint: the request to send against a
 * target tenant (creating whatever it needs there first, as the platform admin), the status that
 * means "allowed", and the permission it needs. {@code expectWhenVisible} can replace the default
 * rule ("holds the permission on the target → success, else 403") for endpoints with further
 * business rules.
 */
record Probe(
        String endpoint,
        Permission permission,
        int success,
        Function<UUID, Call> call,
        ExpectWhenVisible expectWhenVisible) {

    Probe(String endpoint, Permission permission, int success, Function<UUID, Call> call) {
        this(endpoint, permission, success, call, null);
    }

    int expected(Set<Permission> onTarget, Set<Permission> onParent) {
        if (expectWhenVisible != null) {
            return expectWhenVisible.status(onTarget, onParent);
        }
        return onTarget.contains(permission) ? success : 403;
    }

    /** One HTTP request: method, concrete path, body (null for none) and its media type. */
    record Call(String method, String path, String body, String contentType) {

        /** A request with a JSON body (or none). */
        Call(String method, String path, String body) {
            this(method, path, body, "application/json");
        }
    }

    @FunctionalInterface
    interface ExpectWhenVisible {
        int status(Set<Permission> onTarget, Set<Permission> onParent);
    }
}

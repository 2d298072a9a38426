package io.tenantra.identity;

import io.tenantra.platform.web.ApiException;
import io.tenantra.platform.web.ProblemType;

/**
 * A 403 because the caller lacks one named permission (on a tenant, or anywhere). The API answers
 * it like any other forbidden problem; the console's error page reads {@link #permission()} to
 * say which permission to ask an administrator for.
 */
public class MissingPermission extends ApiException {

    private final Permission permission;

    public MissingPermission(Permission permission, String detail) {
        super(ProblemType.FORBIDDEN, detail);
        this.permission = permission;
    }

    public Permission permission() {
        return permission;
    }
}

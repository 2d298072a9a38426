package io.tenantra.useradmin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.platform.web.AuthenticatedEndpoint;
import io.tenantra.platform.web.PageResponse;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Roles")
class PermissionController {

    @AuthenticatedEndpoint
    @GetMapping(path = "/api/v1/permissions", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            operationId = "listPermissions",
            summary = "Every permission a role can carry, with what it allows (one page, never a cursor)")
    PageResponse<PermissionCatalog.PermissionInfo> permissions() {
        return new PageResponse<>(PermissionCatalog.permissions(), null);
    }
}

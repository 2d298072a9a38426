package io.tenantra.useradmin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.identity.Impersonation;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.identity.TenantContext;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/tenants/{tenantId}/users/{userId}/impersonate}: an access token for acting
 * as that user, carrying the impersonator in its RFC 8693 {@code act} claim. There is no refresh
 * token: when it expires, the impersonation is over.
 */
@RestController
@Tag(name = "Impersonation")
class ImpersonationController {

    private final Impersonation impersonation;

    ImpersonationController(Impersonation impersonation) {
        this.impersonation = impersonation;
    }

    @RequiresPermission(Permission.IMPERSONATE)
    @PostMapping(
            path = "/api/v1/tenants/{tenantId}/users/{userId}/impersonate",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Act as a user for up to an hour",
            description = "Returns an access token for the user whose `act` claim names you. Audited with your"
                    + " reason; every action taken with the token records both of you.")
    ImpersonationToken impersonate(
            TenantContext ctx, @PathVariable UUID userId, @Valid @RequestBody ImpersonationRequest request) {
        Impersonation.Grant grant =
                impersonation.start(ctx, ctx.tenantId(), userId, request.reason(), request.minutes(), "api");
        return new ImpersonationToken(
                impersonation.accessToken(grant),
                "Bearer",
                grant.duration().toSeconds(),
                grant.expiresAt(),
                grant.target());
    }

    record ImpersonationRequest(
            @NotBlank @Size(min = 5, max = 500) String reason,
            @Min(1) @Max(Impersonation.MAX_MINUTES) Integer minutes) {}

    record ImpersonationToken(
            String accessToken,
            String tokenType,
            long expiresIn,
            java.time.Instant expiresAt,
            Impersonation.Target impersonating) {}
}

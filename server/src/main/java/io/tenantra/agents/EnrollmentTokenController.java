package io.tenantra.agents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.identity.Permission;
import io.tenantra.identity.RequiresPermission;
import io.tenantra.platform.context.CallContext;
import io.tenantra.platform.web.PageResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/tenants/{tenantId}/enrollment-tokens", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Agents")
class EnrollmentTokenController {

    private final EnrollmentTokens tokens;

    EnrollmentTokenController(EnrollmentTokens tokens) {
        this.tokens = tokens;
    }

    @RequiresPermission(Permission.AGENT_READ)
    @GetMapping
    @Operation(summary = "List the tenant's enrollment tokens, newest first (never their secrets)")
    PageResponse<EnrollmentTokens.TokenView> list(
            CallContext call,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return tokens.list(call, limit, cursor);
    }

    @RequiresPermission(Permission.AGENT_READ)
    @GetMapping("/{id}")
    @Operation(summary = "One enrollment token")
    EnrollmentTokens.TokenView get(CallContext call, @PathVariable UUID id) {
        return tokens.get(call, id);
    }

    @RequiresPermission(Permission.AGENT_WRITE)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an enrollment token; the token itself is in this answer only")
    Map<String, Object> create(CallContext call, @Valid @RequestBody CreateRequest request) {
        EnrollmentTokens.Created created =
                tokens.create(call, request.name(), request.maxUses(), request.expiresAt(), request.tags());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", created.view().id());
        body.put("token", created.token());
        body.put("name", created.view().name());
        body.put("tags", created.view().tags());
        body.put("maxUses", created.view().maxUses());
        body.put("uses", created.view().uses());
        body.put("expiresAt", created.view().expiresAt());
        body.put("createdAt", created.view().createdAt());
        body.put("status", created.view().status());
        return body;
    }

    @RequiresPermission(Permission.AGENT_WRITE)
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke an enrollment token; agents already enrolled with it stay enrolled")
    void revoke(CallContext call, @PathVariable UUID id) {
        tokens.revoke(call, id);
    }

    @Schema(name = "EnrollmentTokenCreateRequest")
    record CreateRequest(
            @Schema(example = "Berlin office laptops") @NotBlank @Size(max = 200)
            String name,

            @Schema(example = "25") @Min(1) @Max(1_000_000) Integer maxUses,
            @Schema(example = "2027-01-31T00:00:00Z") Instant expiresAt,

            @Schema(example = "{\"site\": \"berlin\", \"role\": \"laptop\"}")
            Map<String, String> tags) {}
}

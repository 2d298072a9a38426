package io.tenantra.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.tenantra.platform.web.PublicEndpoint;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the public keys that verify checkpoint signatures, for offline verifiers. */
@RestController
@Tag(name = "Audit trail")
class AuditKeysController {

    private final AuditTrail trail;

    AuditKeysController(AuditTrail trail) {
        this.trail = trail;
    }

    @PublicEndpoint
    @GetMapping(path = "/api/v1/audit/keys", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Public keys that verify audit checkpoint signatures",
            description = "Save this document and pass it to `audit verify --key`.")
    Map<String, List<AuditTrail.SigningKeyInfo>> keys() {
        return Map.of("keys", trail.signingKeys());
    }
}

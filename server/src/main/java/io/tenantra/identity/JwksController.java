package io.tenantra.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.tenantra.platform.web.PublicEndpoint;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Publishes the public halves of the token signing keys, so others can verify our tokens. */
@RestController
class JwksController {

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @PublicEndpoint
    @GetMapping(path = "/.well-known/jwks.json", produces = "application/jwk-set+json")
    @Operation(summary = "Public keys that verify Tenantra access tokens")
    Map<String, Object> jwks() {
        return keys.publicKeys().toJSONObject(true);
    }
}

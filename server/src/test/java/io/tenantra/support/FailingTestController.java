package io.tenantra.support;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only endpoints (this class lives in src/test and is picked up by component scanning only
 * in tests): a controller that fails unexpectedly, to prove 500s carry no internals, and one
 * that logs, to prove log lines carry the request id.
 */
// Hidden from the API reference: docs/openapi.json describes the product, not test fixtures.
@Hidden
@RestController
class FailingTestController {

    @GetMapping("/api/v1/test/boom")
    String boom() {
        throw new IllegalStateException("secret internal detail: connection string postgres://x");
    }
}

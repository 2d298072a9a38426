package io.tenantra.support;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only endpoints (this class lives in src/test and is picked up by component scanning only
 * in tests): a controller that fails unexpectedly, to prove 500s carry no internals, and one
 * that logs, to prove log lines carry the request id.
 */
@RestController
class FailingTestController {

    @GetMapping("/api/v1/test/boom")
    String boom() {
        throw new IllegalStateException("secret internal detail: connection string postgres://x");
    }
}

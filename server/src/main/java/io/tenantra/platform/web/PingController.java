package io.tenantra.platform.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cheapest endpoint there is: no database, no authentication. Load balancers can call it,
 * and benchmarks use it as the ceiling every other endpoint is compared with.
 */
@RestController
@Tag(name = "System")
class PingController {

    private static final Map<String, String> OK = Map.of("status", "ok");

    @PublicEndpoint
    @GetMapping(path = "/api/v1/ping", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Answer at once, without touching the database")
    Map<String, String> ping() {
        return OK;
    }
}

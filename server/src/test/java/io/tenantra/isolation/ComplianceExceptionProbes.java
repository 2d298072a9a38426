package io.tenantra.isolation;

import static io.tenantra.identity.Permission.COMPLIANCE_EXCEPTION_APPROVE;
import static io.tenantra.identity.Permission.COMPLIANCE_EXCEPTION_REQUEST;
import static io.tenantra.identity.Permission.COMPLIANCE_READ;

import io.tenantra.support.Http;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Probes for the compliance exceptions API. Every exception a probe acts on is requested by the
 * platform admin, so "approve" by the principal under test is never refused as self-approval
 * and the matrix sees only permissions and visibility.
 */
final class ComplianceExceptionProbes {

    private static final String BASE = "/api/v1/tenants/{tenantId}/compliance/exceptions";

    private final Http http;
    private final String admin;

    ComplianceExceptionProbes(Http http, String adminToken) {
        this.http = http;
        this.admin = adminToken;
    }

    List<Probe> all() {
        return List.of(
                new Probe("GET " + BASE, COMPLIANCE_READ, 200, t -> new Probe.Call("GET", path(t), null)),
                new Probe(
                        "POST " + BASE,
                        COMPLIANCE_EXCEPTION_REQUEST,
                        201,
                        t -> new Probe.Call("POST", path(t), body("tn-probe-request"))),
                new Probe(
                        "GET " + BASE + "/{id}",
                        COMPLIANCE_READ,
                        200,
                        t -> new Probe.Call("GET", path(t) + "/" + adminRequests(t), null)),
                decision("approve"),
                decision("reject"),
                decision("revoke"));
    }

    private Probe decision(String step) {
        return new Probe(
                "POST " + BASE + "/{id}/" + step,
                COMPLIANCE_EXCEPTION_APPROVE,
                200,
                t -> new Probe.Call("POST", path(t) + "/" + adminRequests(t) + "/" + step, "{}"));
    }

    private static String path(UUID tenant) {
        return BASE.replace("{tenantId}", tenant.toString());
    }

    private static String body(String check) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("checkId", check);
        body.put("scope", "tenant");
        body.put("kind", "ACCEPT");
        body.put("reason", "isolation matrix probe");
        body.put("expiresAt", Instant.now().plus(7, ChronoUnit.DAYS).toString());
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(body);
    }

    /** An exception requested by the platform admin in {@code tenant}; returns its id. */
    String adminRequests(UUID tenant) {
        Http.Response created = http.post(path(tenant), admin, "application/json", body("tn-probe-target"));
        if (created.status() != 201) {
            throw new AssertionError("setup failed: " + created.body());
        }
        return created.json().get("id").asString();
    }
}

package io.tenantra.isolation;

import static io.tenantra.identity.Permission.*;

import io.tenantra.support.ComplianceContent;
import io.tenantra.support.Fixtures;
import io.tenantra.support.Http;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One probe per tenant-scoped endpoint. Resources an endpoint needs in the target tenant are
 * created first by the platform admin, so that "allowed" really means the call succeeds and the
 * matrix distinguishes 404-for-invisibility from 404-for-a-missing-resource.
 */
final class Probes {

    private static final String T = "/api/v1/tenants/{tenantId}";

    private final Http http;
    private final String admin;
    private final Fixtures fx;
    private final Map<String, Probe> probes = new LinkedHashMap<>();

    Probes(Http http, String adminToken, Fixtures fx) {
        this.http = http;
        this.admin = adminToken;
        this.fx = fx;
        apiKeys();
        impersonation();
        users();
        roles();
        tenants();
        audit();
        agents();
        compliance();
        new ComplianceExceptionProbes(http, adminToken).all().forEach(this::add);
        new SchedulingProbes(http, adminToken).all().forEach(this::add);
    }

    Map<String, Probe> all() {
        return probes;
    }

    private void add(
            String method,
            String pathTemplate,
            io.tenantra.identity.Permission permission,
            int success,
            java.util.function.Function<UUID, Probe.Call> call) {
        String endpoint = method + " " + pathTemplate;
        probes.put(endpoint, new Probe(endpoint, permission, success, call));
    }

    private void add(Probe probe) {
        probes.put(probe.endpoint(), probe);
    }

    private static String path(String template, UUID tenant) {
        return template.replace("{tenantId}", tenant.toString());
    }

    private void apiKeys() {
        add("GET", T + "/api-keys", API_KEY_READ, 200, t -> new Probe.Call("GET", path(T + "/api-keys", t), null));
        add(
                "POST",
                T + "/api-keys",
                API_KEY_WRITE,
                201,
                t -> new Probe.Call(
                        "POST", path(T + "/api-keys", t), "{\"name\":\"" + Fixtures.unique("probe") + "\"}"));
        add(
                "GET",
                T + "/api-keys/{id}",
                API_KEY_READ,
                200,
                t -> new Probe.Call("GET", path(T + "/api-keys/", t) + adminCreatesKey(t), null));
        add(
                "DELETE",
                T + "/api-keys/{id}",
                API_KEY_WRITE,
                204,
                t -> new Probe.Call("DELETE", path(T + "/api-keys/", t) + adminCreatesKey(t), null));
    }

    private void impersonation() {
        // Impersonating also requires holding every permission of the target user; a READONLY
        // target keeps that rule out of the way for holders of IMPERSONATE.
        add(
                "POST",
                T + "/users/{userId}/impersonate",
                IMPERSONATE,
                200,
                t -> new Probe.Call(
                        "POST",
                        path(T + "/users/", t) + userIdOf(fx.user(t, "READONLY")) + "/impersonate",
                        "{\"reason\":\"isolation matrix probe\",\"minutes\":5}"));
    }

    private void users() {
        add("GET", T + "/users", USER_READ, 200, t -> new Probe.Call("GET", path(T + "/users", t), null));
        add("POST", T + "/users", USER_WRITE, 201, t -> {
            String name = Fixtures.unique("probe-user");
            return new Probe.Call(
                    "POST",
                    path(T + "/users", t),
                    "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\","
                            + "\"password\":\"Probe-Strong-Passphrase-91\",\"displayName\":\"Probe\","
                            + "\"roles\":[\"READONLY\"]}");
        });
        // Targets are READONLY users, so "may manage a user only when holding all they hold" passes.
        add(
                "GET",
                T + "/users/{id}",
                USER_READ,
                200,
                t -> new Probe.Call("GET", path(T + "/users/", t) + userIdOf(fx.user(t, "READONLY")), null));
        add(
                "PATCH",
                T + "/users/{id}",
                USER_WRITE,
                200,
                t -> new Probe.Call(
                        "PATCH",
                        path(T + "/users/", t) + userIdOf(fx.user(t, "READONLY")),
                        "{\"displayName\":\"Renamed by probe\"}"));
        add(
                "DELETE",
                T + "/users/{id}",
                USER_WRITE,
                204,
                t -> new Probe.Call("DELETE", path(T + "/users/", t) + userIdOf(fx.user(t, "READONLY")), null));
    }

    private void roles() {
        add("GET", T + "/roles", ROLE_READ, 200, t -> new Probe.Call("GET", path(T + "/roles", t), null));
        add(
                "POST",
                T + "/roles",
                ROLE_WRITE,
                201,
                t -> new Probe.Call(
                        "POST",
                        path(T + "/roles", t),
                        "{\"name\":\"" + Fixtures.unique("probe-role") + "\",\"permissions\":[\"AGENT_READ\"]}"));
        add(
                "GET",
                T + "/roles/{roleId}",
                ROLE_READ,
                200,
                t -> new Probe.Call("GET", path(T + "/roles/", t) + adminCreatesRole(t), null));
        add(
                "PATCH",
                T + "/roles/{roleId}",
                ROLE_WRITE,
                200,
                t -> new Probe.Call(
                        "PATCH", path(T + "/roles/", t) + adminCreatesRole(t), "{\"description\":\"probed\"}"));
        add(
                "DELETE",
                T + "/roles/{roleId}",
                ROLE_WRITE,
                204,
                t -> new Probe.Call("DELETE", path(T + "/roles/", t) + adminCreatesRole(t), null));
    }

    private void tenants() {
        add("GET", T, TENANT_READ, 200, t -> new Probe.Call("GET", path(T, t), null));
        add(
                "PATCH",
                T,
                TENANT_WRITE,
                200,
                t -> new Probe.Call("PATCH", path(T, t), "{\"name\":\"Renamed " + Fixtures.unique("probe") + "\"}"));
        // Deleting is decided by TENANT_CREATE on the parent; the target always holds a user, so
        // a permitted caller gets 409 (not empty) and never actually removes the matrix's world.
        add(new Probe(
                "DELETE " + T,
                TENANT_CREATE,
                409,
                t -> {
                    fx.user(t, "READONLY");
                    return new Probe.Call("DELETE", path(T, t), null);
                },
                (onTarget, onParent) -> onParent.contains(TENANT_CREATE) ? 409 : 403));
    }

    private void audit() {
        String events = T + "/audit-events";
        add("GET", events, AUDIT_READ, 200, t -> new Probe.Call("GET", path(events, t), null));
        add(
                "GET",
                events + "/{eventId}",
                AUDIT_READ,
                200,
                t -> new Probe.Call("GET", path(events, t) + "/" + adminAuditedEvent(t), null));
        add("GET", events + "/export", AUDIT_READ, 200, t -> new Probe.Call("GET", path(events + "/export", t), null));
        add("GET", events + "/verify", AUDIT_READ, 200, t -> new Probe.Call("GET", path(events + "/verify", t), null));
        add(
                "GET",
                T + "/api-access-log",
                AUDIT_READ,
                200,
                t -> new Probe.Call("GET", path(T + "/api-access-log", t), null));
    }

    private void agents() {
        String tokens = T + "/enrollment-tokens";
        add("GET", tokens, AGENT_READ, 200, t -> new Probe.Call("GET", path(tokens, t), null));
        add(
                "POST",
                tokens,
                AGENT_WRITE,
                201,
                t -> new Probe.Call("POST", path(tokens, t), "{\"name\":\"" + Fixtures.unique("probe-token") + "\"}"));
        add(
                "GET",
                tokens + "/{id}",
                AGENT_READ,
                200,
                t -> new Probe.Call(
                        "GET",
                        path(tokens, t) + "/" + adminCreatesEnrollmentToken(t).id(),
                        null));
        add(
                "DELETE",
                tokens + "/{id}",
                AGENT_WRITE,
                204,
                t -> new Probe.Call(
                        "DELETE",
                        path(tokens, t) + "/" + adminCreatesEnrollmentToken(t).id(),
                        null));

        String agents = T + "/agents";
        add("GET", agents, AGENT_READ, 200, t -> new Probe.Call("GET", path(agents, t), null));
        add(
                "GET",
                agents + "/{id}",
                AGENT_READ,
                200,
                t -> new Probe.Call("GET", path(agents, t) + "/" + enrolledAgent(t), null));
        add(
                "PATCH",
                agents + "/{id}",
                AGENT_WRITE,
                200,
                t -> new Probe.Call("PATCH", path(agents, t) + "/" + enrolledAgent(t), "{\"name\":\"probed\"}"));
        add(
                "DELETE",
                agents + "/{id}",
                AGENT_WRITE,
                204,
                t -> new Probe.Call("DELETE", path(agents, t) + "/" + enrolledAgent(t), null));

        String scans = T + "/scans";
        add("GET", scans, SCAN_READ, 200, t -> new Probe.Call("GET", path(scans, t), null));
        add("POST", scans, SCAN_WRITE, 201, t -> {
            enrolledAgent(t); // a scan needs an agent to select
            return new Probe.Call("POST", path(scans, t), "{\"modules\":[\"system\"],\"selector\":{\"all\":true}}");
        });
        add(
                "GET",
                scans + "/{id}",
                SCAN_READ,
                200,
                t -> new Probe.Call("GET", path(scans, t) + "/" + adminStartsScan(t), null));
        add(
                "POST",
                scans + "/{id}/cancel",
                SCAN_WRITE,
                200,
                t -> new Probe.Call("POST", path(scans, t) + "/" + adminStartsScan(t) + "/cancel", null));
        add(
                "GET",
                scans + "/{id}/export.csv",
                SCAN_READ,
                200,
                t -> new Probe.Call("GET", path(scans, t) + "/" + adminStartsScan(t) + "/export.csv", null));
    }

    private void compliance() {
        String c = T + "/compliance";
        for (String read : List.of(
                "/summary",
                "/summary?scope=subtree",
                "/assets",
                "/results",
                "/frameworks",
                "/checks",
                "/policies",
                "/enablement")) {
            String template = c + read.replaceAll("\\?.*", "");
            if (!probes.containsKey("GET " + template)) {
                add("GET", template, COMPLIANCE_READ, 200, t -> new Probe.Call("GET", path(c + read, t), null));
            }
        }
        add(
                "GET",
                c + "/history",
                COMPLIANCE_READ,
                200,
                t -> new Probe.Call("GET", path(c + "/history?framework=probe-framework", t), null));
        add(
                "GET",
                c + "/export",
                COMPLIANCE_READ,
                200,
                t -> new Probe.Call("GET", path(c + "/export?format=csv", t), null));
        add(
                "GET",
                c + "/assets/{agentId}",
                COMPLIANCE_READ,
                200,
                t -> new Probe.Call(
                        "GET", path(c + "/assets/", t) + fx.complianceResult(t, "probe-check", "FAIL"), null));
        add(
                "GET",
                c + "/results/{agentId}/{checkId}",
                COMPLIANCE_READ,
                200,
                t -> new Probe.Call(
                        "GET",
                        path(c + "/results/", t) + fx.complianceResult(t, "probe-check", "PASS") + "/probe-check",
                        null));
        String framework = c + "/frameworks/{frameworkId}";
        add(
                "GET",
                framework,
                COMPLIANCE_READ,
                200,
                t -> new Probe.Call("GET", path(c + "/frameworks/", t) + adminImportsFramework(t), null));
        for (String tail : List.of("/coverage", "/export")) {
            add(
                    "GET",
                    framework + tail,
                    COMPLIANCE_READ,
                    200,
                    t -> new Probe.Call("GET", path(c + "/frameworks/", t) + adminImportsFramework(t) + tail, null));
        }
        add(
                "GET",
                framework + "/controls/{controlId}",
                COMPLIANCE_READ,
                200,
                t -> new Probe.Call(
                        "GET", path(c + "/frameworks/", t) + adminImportsFramework(t) + "/controls/PR-1", null));
        add(
                "POST",
                c + "/frameworks",
                COMPLIANCE_WRITE,
                201,
                t -> new Probe.Call(
                        "POST",
                        path(c + "/frameworks", t),
                        ComplianceContent.framework(Fixtures.unique("probe-fw")),
                        YAML));
        add(
                "POST",
                c + "/mappings",
                COMPLIANCE_WRITE,
                201,
                t -> new Probe.Call(
                        "POST",
                        path(c + "/mappings", t),
                        ComplianceContent.mappings(Fixtures.unique("probe-check")),
                        YAML));
        add("GET", c + "/checks/{checkId}", COMPLIANCE_READ, 200, t -> {
            String policy = adminImportsPolicy(t, false);
            return new Probe.Call("GET", path(c + "/checks/", t) + policy + "-fact", null);
        });
        add(
                "POST",
                c + "/policies",
                COMPLIANCE_WRITE,
                201,
                t -> new Probe.Call(
                        "POST",
                        path(c + "/policies", t),
                        ComplianceContent.policy(Fixtures.unique("probe-policy"), false),
                        YAML));
        add(
                "GET",
                c + "/policies/{policyId}/export",
                COMPLIANCE_READ,
                200,
                t -> new Probe.Call("GET", path(c + "/policies/", t) + adminImportsPolicy(t, false) + "/export", null));
        add(
                "PATCH",
                c + "/policies/{policyId}",
                COMPLIANCE_WRITE,
                200,
                t -> new Probe.Call(
                        "PATCH", path(c + "/policies/", t) + adminImportsPolicy(t, false), "{\"enabled\":false}"));
        add(
                "POST",
                c + "/policies/{policyId}/command-rules",
                COMPLIANCE_COMMANDS_ENABLE,
                200,
                t -> new Probe.Call(
                        "POST",
                        path(c + "/policies/", t) + adminImportsPolicy(t, true) + "/command-rules",
                        "{\"enabled\":true}"));
        add(
                "PUT",
                c + "/enablement",
                COMPLIANCE_WRITE,
                200,
                t -> new Probe.Call("PUT", path(c + "/enablement", t), "{\"frameworks\":null,\"policies\":null}"));
        add(
                "GET",
                c + "/evaluations/{evaluationId}",
                COMPLIANCE_READ,
                200,
                t -> new Probe.Call("GET", path(c + "/evaluations/", t) + adminReEvaluates(t), null));
    }

    private static final String YAML = "application/yaml";

    /** Imports a one-control framework into the tenant as the admin; returns its id. */
    String adminImportsFramework(UUID tenant) {
        String id = Fixtures.unique("probe-fw");
        Http.Response created = http.send(http.request(path(T + "/compliance/frameworks", tenant), admin)
                .header("Content-Type", YAML)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ComplianceContent.framework(id)))
                .build());
        if (created.status() != 201) {
            throw new AssertionError("setup failed: " + created.body());
        }
        return id;
    }

    /** Imports a small policy (with a command rule when asked) as the admin; returns its id. */
    String adminImportsPolicy(UUID tenant, boolean commandRule) {
        String id = Fixtures.unique("probe-policy");
        Http.Response created = http.send(http.request(path(T + "/compliance/policies", tenant), admin)
                .header("Content-Type", YAML)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ComplianceContent.policy(id, commandRule)))
                .build());
        if (created.status() != 201) {
            throw new AssertionError("setup failed: " + created.body());
        }
        return id;
    }

    /** A re-evaluation run of the tenant (the admin re-sets its enablement); returns its id. */
    String adminReEvaluates(UUID tenant) {
        Http.Response put = http.send(http.request(path(T + "/compliance/enablement", tenant), admin)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"frameworks\":null,\"policies\":null}"))
                .build());
        if (put.status() != 200) {
            throw new AssertionError("setup failed: " + put.body());
        }
        return put.json().get("evaluation").get("id").asString();
    }

    private record EnrollmentToken(String id, String token) {}

    EnrollmentToken adminCreatesEnrollmentToken(UUID tenant) {
        Http.Response created = http.postJson(
                path(T + "/enrollment-tokens", tenant), admin, Map.of("name", Fixtures.unique("probe-target-token")));
        if (created.status() != 201) {
            throw new AssertionError("setup failed: " + created.body());
        }
        return new EnrollmentToken(
                created.json().get("id").asString(), created.json().get("token").asString());
    }

    /** Enrolls a real agent identity (a fresh Ed25519 key) in the tenant; returns its id. */
    String enrolledAgent(UUID tenant) {
        String publicKey;
        try {
            publicKey = java.util.Base64.getEncoder()
                    .encodeToString(java.security.KeyPairGenerator.getInstance("Ed25519")
                            .generateKeyPair()
                            .getPublic()
                            .getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> host = Map.of(
                "hostname", Fixtures.unique("probe-host"),
                "osFamily", "linux",
                "osVersion", "12",
                "architecture", "amd64",
                "agentVersion", "0.1.0-probe",
                "ipAddresses", java.util.List.of("10.0.0.9"));
        Http.Response enrolled = http.postJson(
                "/api/v1/agent/enroll",
                null,
                Map.of(
                        "token",
                        adminCreatesEnrollmentToken(tenant).token(),
                        "publicKey",
                        publicKey,
                        "tags",
                        Map.of(),
                        "host",
                        host));
        if (enrolled.status() != 201) {
            throw new AssertionError("setup failed: " + enrolled.body());
        }
        return enrolled.json().get("agentId").asString();
    }

    String adminStartsScan(UUID tenant) {
        enrolledAgent(tenant);
        Http.Response scan = http.postJson(
                path(T + "/scans", tenant), admin, "{\"modules\":[\"system\"],\"selector\":{\"all\":true}}");
        if (scan.status() != 201) {
            throw new AssertionError("setup failed: " + scan.body());
        }
        return scan.json().get("id").asString();
    }

    /** An event in the target's own trail: the admin creates a key there, then reads the newest event. */
    String adminAuditedEvent(UUID tenant) {
        adminCreatesKey(tenant);
        Http.Response page = http.get(path(T + "/audit-events", tenant) + "?limit=1", admin);
        if (page.status() != 200 || page.json().get("items").isEmpty()) {
            throw new AssertionError("setup failed: " + page.body());
        }
        return page.json().get("items").get(0).get("id").asString();
    }

    String adminCreatesRole(UUID tenant) {
        Http.Response created = http.postJson(
                path(T + "/roles", tenant),
                admin,
                Map.of("name", Fixtures.unique("probe-target-role"), "permissions", java.util.List.of("AGENT_READ")));
        if (created.status() != 201) {
            throw new AssertionError("setup failed: " + created.body());
        }
        return created.json().get("id").asString();
    }

    String adminCreatesKey(UUID tenant) {
        Http.Response created = http.postJson(
                path(T + "/api-keys", tenant),
                admin,
                Map.of("name", Fixtures.unique("probe-target"), "permissions", java.util.List.of("AGENT_READ")));
        if (created.status() != 201) {
            throw new AssertionError("setup failed: " + created.body());
        }
        return created.json().get("id").asString();
    }

    private String userIdOf(String username) {
        return fx.userId(username).toString();
    }
}

package io.tenantra.compliance.store;

import io.tenantra.model.AgentProtocol;
import io.tenantra.support.Http;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An agent for compliance tests: enrolls with a real Ed25519 key, signs its requests as the
 * protocol requires, takes its job through the long poll and uploads a result whose module items
 * the test chooses (so a verdict is known in advance).
 */
final class SignedAgent {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Http http;
    private final KeyPair keys;
    final UUID id;

    SignedAgent(Http http, String enrollmentToken, String hostname) {
        this.http = http;
        try {
            this.keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("hostname", hostname);
        host.put("osFamily", "linux");
        host.put("osVersion", "12");
        host.put("architecture", "amd64");
        host.put("agentVersion", "0.1.0-compliance-test");
        host.put("ipAddresses", List.of("10.0.0.7"));
        Http.Response enrolled = http.postJson(
                "/api/v1/agent/enroll",
                null,
                Map.of(
                        "token",
                        enrollmentToken,
                        "publicKey",
                        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()),
                        "tags",
                        Map.of("env", "test"),
                        "host",
                        host));
        if (enrolled.status() != 201) {
            throw new AssertionError("enrolment failed: " + enrolled.body());
        }
        this.id = UUID.fromString(enrolled.json().get("agentId").asString());
    }

    /** The jobs handed out now (empty when none is queued). */
    JsonNode poll() {
        Http.Response response = send("GET", "/api/v1/agent/jobs?waitSeconds=0", new byte[0]);
        if (response.status() != 200) {
            throw new AssertionError("poll failed: " + response.status() + " " + response.body());
        }
        return response.json().get("jobs");
    }

    /**
     * Uploads a result for {@code jobId}: one ok module result per entry of {@code items}
     * (module name to its items as {type, key, attributes}), and {@code probeAnswers}.
     */
    Http.Response upload(
            UUID jobId, Map<String, List<Map<String, Object>>> items, List<Map<String, Object>> probeAnswers) {
        List<Map<String, Object>> results = new ArrayList<>();
        items.forEach((module, moduleItems) -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("module", module);
            r.put("moduleVersion", "1.0");
            r.put("status", "ok");
            r.put("items", moduleItems);
            r.put("risks", List.of());
            r.put("messages", List.of());
            r.put(
                    "execution",
                    Map.of(
                            "startedAt",
                            "2026-12-03T10:00:00Z",
                            "durationMillis",
                            5,
                            "timedOut",
                            false,
                            "truncated",
                            false,
                            "skipped",
                            List.of()));
            results.add(r);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", jobId.toString());
        body.put("startedAt", "2026-12-03T10:00:00Z");
        body.put("finishedAt", "2026-12-03T10:00:01Z");
        body.put("results", results);
        body.put("log", List.of("compliance test"));
        body.put("probeResults", probeAnswers);
        return send("POST", "/api/v1/agent/jobs/" + jobId + "/result", JSON.writeValueAsBytes(body));
    }

    static Map<String, Object> item(String type, String key, Map<String, Object> attributes) {
        return Map.of("type", type, "key", key, "attributes", attributes);
    }

    private Http.Response send(String method, String pathAndQuery, byte[] body) {
        HttpRequest.Builder request = http.request(pathAndQuery, null)
                .header(AgentProtocol.VERSION_HEADER, "1.0")
                .header("Authorization", "Agent " + token(method, pathAndQuery, body))
                .method(
                        method,
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body.length > 0) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build());
    }

    private String token(String method, String pathAndQuery, byte[] body) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", id.toString());
        claims.put("iat", now);
        claims.put("exp", now + 60);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("rqh", AgentProtocol.requestHash(method, pathAndQuery, AgentProtocol.digest(body)));
        String input = b64(JSON.writeValueAsBytes(Map.of("alg", "EdDSA", "typ", AgentProtocol.TOKEN_TYPE))) + "."
                + b64(JSON.writeValueAsBytes(claims));
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

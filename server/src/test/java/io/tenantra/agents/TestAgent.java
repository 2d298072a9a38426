package io.tenantra.agents;

import io.tenantra.model.AgentProtocol;
import io.tenantra.support.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.json.JsonMapper;

/**
 * An agent inside the test: a real Ed25519 key and real signed requests over HTTP, with knobs to
 * forge every way a request can be wrong (times, hashes, reused token ids, another key).
 */
final class TestAgent {

    static final JsonMapper JSON = JsonMapper.builder().build();

    final Http http;
    final KeyPair keys;
    UUID id;
    UUID tenantId;

    TestAgent(Http http) {
        this.http = http;
        this.keys = newKeys();
    }

    static KeyPair newKeys() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String publicKey() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    Map<String, Object> enrollment(String token, String hostname, String os, Map<String, String> tags) {
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("hostname", hostname);
        host.put("osFamily", os);
        host.put("osVersion", "12");
        host.put("architecture", "amd64");
        host.put("agentVersion", "0.1.0-test");
        host.put("ipAddresses", List.of("10.0.0.5"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", token);
        body.put("publicKey", publicKey());
        body.put("tags", tags);
        body.put("host", host);
        return body;
    }

    Http.Response enrollRaw(String token, String hostname, String os, Map<String, String> tags) {
        return http.postJson("/api/v1/agent/enroll", null, enrollment(token, hostname, os, tags));
    }

    TestAgent enroll(String token, String hostname, String os, Map<String, String> tags) {
        Http.Response response = enrollRaw(token, hostname, os, tags);
        if (response.status() != 201) {
            throw new AssertionError("enrollment failed: " + response.status() + " " + response.body());
        }
        id = UUID.fromString(response.json().get("agentId").asString());
        tenantId = UUID.fromString(response.json().get("tenantId").asString());
        return this;
    }

    /** A token as the real agent makes it; every part can be overridden by the forgery tests. */
    String token(String method, String pathAndQuery, byte[] body, long iat, long exp, String jti, KeyPair signer) {
        Map<String, Object> header = Map.of("alg", "EdDSA", "typ", AgentProtocol.TOKEN_TYPE);
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", id.toString());
        claims.put("iat", iat);
        claims.put("exp", exp);
        claims.put("jti", jti);
        claims.put("rqh", AgentProtocol.requestHash(method, pathAndQuery, AgentProtocol.digest(body)));
        String input = b64(JSON.writeValueAsBytes(header)) + "." + b64(JSON.writeValueAsBytes(claims));
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(signer.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String token(String method, String pathAndQuery, byte[] body) {
        long now = Instant.now().getEpochSecond();
        return token(
                method, pathAndQuery, body, now, now + 60, UUID.randomUUID().toString(), keys);
    }

    HttpRequest.Builder request(String method, String pathAndQuery, byte[] body, String token) {
        HttpRequest.Builder builder = http.request(pathAndQuery, null)
                .header(AgentProtocol.VERSION_HEADER, "1.0")
                .method(
                        method,
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            builder.header("Authorization", "Agent " + token);
        }
        if (body.length > 0) {
            builder.header("Content-Type", "application/json");
        }
        return builder;
    }

    Http.Response send(String method, String pathAndQuery, byte[] body) {
        return http.send(request(method, pathAndQuery, body, token(method, pathAndQuery, body))
                .build());
    }

    Http.Response heartbeat() {
        return send("POST", "/api/v1/agent/heartbeat", json(Map.of("agentVersion", "0.1.0-test", "spooledResults", 0)));
    }

    Http.Response poll(int waitSeconds) {
        return send("GET", "/api/v1/agent/jobs?waitSeconds=" + waitSeconds, new byte[0]);
    }

    Http.Response running(UUID jobId) {
        return send("POST", "/api/v1/agent/jobs/" + jobId + "/running", new byte[0]);
    }

    Http.Response upload(UUID jobId, byte[] body, boolean gzip) {
        String path = "/api/v1/agent/jobs/" + jobId + "/result";
        byte[] wire = gzip ? gzip(body) : body;
        HttpRequest.Builder builder = request("POST", path, wire, token("POST", path, wire));
        if (gzip) {
            builder.header("Content-Encoding", "gzip");
        }
        return http.send(builder.build());
    }

    /** A result in the model format with one module result per name, each with {@code items} items. */
    static byte[] result(UUID jobId, List<String> modules, String status, int items) {
        List<Map<String, Object>> results = modules.stream()
                .map(m -> {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("module", m);
                    r.put("moduleVersion", "1.0");
                    r.put("status", status);
                    r.put(
                            "items",
                            java.util.stream.IntStream.range(0, items)
                                    .mapToObj(i -> Map.of(
                                            "type",
                                            "package",
                                            "key",
                                            m + "-" + i,
                                            "attributes",
                                            Map.of("version", "1." + i, "arch", "amd64")))
                                    .toList());
                    r.put("risks", List.of());
                    r.put("messages", List.of("collected"));
                    r.put(
                            "execution",
                            Map.of(
                                    "startedAt",
                                    "2026-11-21T10:00:00Z",
                                    "durationMillis",
                                    12,
                                    "timedOut",
                                    false,
                                    "truncated",
                                    false,
                                    "skipped",
                                    List.of()));
                    return r;
                })
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("jobId", jobId.toString());
        body.put("startedAt", "2026-11-21T10:00:00Z");
        body.put("finishedAt", "2026-11-21T10:00:01Z");
        body.put("results", results);
        body.put("log", List.of("job started", "job finished"));
        return json(body);
    }

    static byte[] json(Object value) {
        return JSON.writeValueAsBytes(value);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

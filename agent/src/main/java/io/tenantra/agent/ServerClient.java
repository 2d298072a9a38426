package io.tenantra.agent;

import io.tenantra.model.AgentProtocol;
import io.tenantra.model.ProtocolVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to the server with the JDK client. Every call after enrollment is signed; bodies are JSON
 * (result uploads gzip-compressed). Connection failures surface as {@link IOException}, answers
 * of any status as a {@link Reply}, so callers decide what is retryable.
 */
final class ServerClient {

    /** Newer servers may add fields: ignore the ones this agent does not know. */
    static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(tools.jackson.databind.cfg.DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final String base;
    private final HttpClient http;
    private final AgentKeys keys;
    private final UUID agentId;
    private final Clock clock;
    private final String userAgent;

    ServerClient(String serverUrl, AgentKeys keys, UUID agentId, Clock clock) {
        this.base = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        this.keys = keys;
        this.agentId = agentId;
        this.clock = clock;
        this.userAgent = "tenantra-agent/" + AgentMain.Version.buildVersion();
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A server answer: status, body, and the headers the agent acts on. */
    record Reply(int status, byte[] body, Optional<String> etag, Optional<String> retryAfter) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        <T> T json(Class<T> type) {
            return JSON.readValue(body, type);
        }

        /** The problem's detail, or the raw body, for messages to a person. */
        String detail() {
            try {
                var node = JSON.readTree(body);
                if (node != null && node.has("detail")) {
                    String detail = node.get("detail").asString();
                    return node.has("errors") ? detail + " " + node.get("errors") : detail;
                }
            } catch (RuntimeException ignored) {
                // not JSON: fall through to the text
            }
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    Reply send(String method, String pathAndQuery, byte[] body, boolean gzip, Duration timeout, String ifNoneMatch)
            throws IOException, InterruptedException {
        byte[] wire = gzip ? gzip(body) : body;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(timeout)
                .header("User-Agent", userAgent)
                .header(AgentProtocol.VERSION_HEADER, ProtocolVersion.CURRENT.toString())
                .header("Accept", "application/json")
                .method(
                        method,
                        wire.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(wire));
        if (wire.length > 0) {
            request.header("Content-Type", "application/json");
        }
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        if (keys != null) {
            request.header("Authorization", keys.authorization(agentId, method, pathAndQuery, wire, clock));
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Reply(
                response.statusCode(),
                response.body() == null ? new byte[0] : response.body(),
                response.headers().firstValue("ETag"),
                response.headers().firstValue("Retry-After"));
    }

    Reply postJson(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, JSON.writeValueAsBytes(body), false, Duration.ofSeconds(30), null);
    }

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}

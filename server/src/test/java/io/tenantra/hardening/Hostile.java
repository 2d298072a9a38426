package io.tenantra.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.Http;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Helpers for hostile input: JSON text with any code unit escaped, raw HTTP, problem checks. */
final class Hostile {

    private Hostile() {}

    /** {@code value} as a JSON string literal, every code unit outside printable ASCII escaped. */
    static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** A JSON object from already-encoded member values, in order (so keys may repeat). */
    static String object(String... keysAndEncodedValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keysAndEncodedValues.length; i += 2) {
            out.append(i == 0 ? "" : ",")
                    .append(json(keysAndEncodedValues[i]))
                    .append(':')
                    .append(keysAndEncodedValues[i + 1]);
        }
        return out.append('}').toString();
    }

    /** A 422 problem whose errors[] names {@code field}; returns the message given for it. */
    static String assertInvalid(Http.Response response, String field) {
        assertProblem(response, 422, "validation-failed");
        JsonNode errors = response.json().get("errors");
        assertThat(errors).as(response.body()).isNotNull();
        return errors.valueStream()
                .filter(e -> field.equals(e.get("field").asString()))
                .findFirst()
                .map(e -> e.get("message").asString())
                .orElseThrow(() -> new AssertionError("no error names " + field + ": " + response.body()));
    }

    static void assertProblem(Http.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("urn:tenantra:problem:" + type);
    }

    /** A raw HTTP/1.1 exchange, for what {@code HttpClient} will not send (a forged Host header, a raw path). */
    static RawResponse raw(int port, String requestLine, Map<String, String> headers) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", "127.0.0.1:" + port);
            all.putAll(headers);
            all.put("Connection", "close");
            StringBuilder request = new StringBuilder(requestLine).append("\r\n");
            all.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return RawResponse.parse(bytes.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record RawResponse(int status, Map<String, String> headers, String body) {
        static RawResponse parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(
                        lines[i].substring(0, colon).toLowerCase(),
                        lines[i].substring(colon + 1).strip());
            }
            return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
        }
    }
}

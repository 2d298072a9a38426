package io.tenantra.useradmin.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A console visitor over plain HTTP: a cookie jar holding the session, form posts carrying the
 * CSRF token the last page offered, redirects left for the test to see.
 */
final class ConsoleSession {

    private static final Pattern FORM_CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern META_CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    private final Http http;
    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private String csrf;

    ConsoleSession(int port) {
        this.http = new Http(port);
    }

    Http.Response get(String path) {
        Http.Response response = send(HttpRequest.newBuilder(URI.create(http.base() + path))
                .header("Accept", "text/html")
                .GET()
                .build());
        rememberCsrf(response.body());
        return response;
    }

    /** Posts a form with the CSRF token of the last page fetched. */
    Http.Response post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf);
        String body = all.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(http.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    ConsoleSession login(String username, String password) {
        get("/login");
        Http.Response response = post("/login", Map.of("username", username, "password", password));
        assertThat(response.status()).isEqualTo(302);
        assertThat(response.header("Location")).doesNotContain("error");
        return this;
    }

    private Http.Response send(HttpRequest request) {
        try {
            return new Http.Response(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void rememberCsrf(String html) {
        if (html == null) {
            return;
        }
        Matcher meta = META_CSRF.matcher(html);
        Matcher form = FORM_CSRF.matcher(html);
        if (meta.find()) {
            csrf = meta.group(1);
        } else if (form.find()) {
            csrf = form.group(1);
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}

package io.tenantra.tenantadmin.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.support.Http;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A console visitor over plain HTTP, the way a browser without JavaScript is one: it keeps the
 * session cookie, signs in through the login form with its CSRF token, and sends forms and htmx
 * requests with the token the last page carried.
 */
final class ConsoleVisitor {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern META_TOKEN = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern SESSION = Pattern.compile("JSESSIONID=([^;]+)");

    private final Http http;
    private String sessionCookie;
    private String csrf;

    ConsoleVisitor(Http http) {
        this.http = http;
    }

    /** GET /login for a session and token, then POST the form; returns the login response. */
    Http.Response logIn(String username, String password) {
        Http.Response form = get("/login", false);
        assertThat(form.status()).isEqualTo(200);
        Matcher token = FORM_TOKEN.matcher(form.body());
        assertThat(token.find()).as("the login form carries a CSRF token").isTrue();
        return postForm("/login", Map.of("username", username, "password", password, "_csrf", token.group(1)), false);
    }

    Http.Response get(String path) {
        return get(path, false);
    }

    /** A GET as htmx sends it (only the fragment comes back). */
    Http.Response htmxGet(String path) {
        return get(path, true);
    }

    Http.Response htmxPost(String path, Map<String, String> fields) {
        return postForm(path, fields, true);
    }

    Http.Response formPost(String path, Map<String, String> fields) {
        Map<String, String> withToken = new HashMap<>(fields);
        withToken.put("_csrf", csrf);
        return postForm(path, withToken, false);
    }

    private Http.Response get(String path, boolean htmx) {
        HttpRequest.Builder request =
                http.request(path, null).header("Accept", "text/html").GET();
        return send(request, htmx);
    }

    private Http.Response postForm(String path, Map<String, String> fields, boolean htmx) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = http.request(path, null)
                .header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (htmx && csrf != null) {
            request.header("X-CSRF-TOKEN", csrf); // what static/js/console.js adds to htmx requests
        }
        return send(request, htmx);
    }

    private Http.Response send(HttpRequest.Builder request, boolean htmx) {
        if (sessionCookie != null) {
            request.header("Cookie", "JSESSIONID=" + sessionCookie);
        }
        if (htmx) {
            request.header("HX-Request", "true");
        }
        Http.Response response = http.send(request.build());
        response.raw().headers().allValues("Set-Cookie").forEach(cookie -> {
            Matcher session = SESSION.matcher(cookie);
            if (session.find()) {
                sessionCookie = session.group(1);
            }
        });
        Matcher meta = META_TOKEN.matcher(response.body());
        if (meta.find()) {
            csrf = meta.group(1);
        }
        return response;
    }
}

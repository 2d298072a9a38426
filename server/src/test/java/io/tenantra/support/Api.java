package io.tenantra.support;

import java.net.http.HttpRequest;
import tools.jackson.databind.json.JsonMapper;

/** The verbs {@link Http} does not spell out: PATCH and DELETE with a bearer token. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Api() {}

    public static Http.Response patch(Http http, String path, String token, Object body) {
        String json = body instanceof String s ? s : JSON.writeValueAsString(body);
        return http.send(http.request(path, token)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public static Http.Response delete(Http http, String path, String token) {
        return http.send(http.request(path, token).DELETE().build());
    }
}

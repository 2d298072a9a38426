package io.tenantra.console;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Serialises model values to JSON for {@code data-*} attributes ({@code @jsonText.of(x)} in templates). */
@Component("jsonText")
class JsonText {

    private final JsonMapper json;

    JsonText(JsonMapper json) {
        this.json = json;
    }

    public String of(Object value) {
        return json.writeValueAsString(value);
    }
}

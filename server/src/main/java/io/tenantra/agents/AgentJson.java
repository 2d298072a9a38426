package io.tenantra.agents;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** JSON columns of this module (tags, configs, logs) written and read with the server's mapper. */
@Component
class AgentJson {

    private static final TypeReference<TreeMap<String, String>> TAGS = new TypeReference<>() {};

    private final JsonMapper json;

    AgentJson(JsonMapper json) {
        this.json = json;
    }

    String write(Object value) {
        return json.writeValueAsString(value);
    }

    <T> T read(String text, Class<T> type) {
        return json.readValue(text, type);
    }

    Map<String, String> tags(String text) {
        return text == null ? Map.of() : json.readValue(text, TAGS);
    }

    JsonMapper mapper() {
        return json;
    }
}

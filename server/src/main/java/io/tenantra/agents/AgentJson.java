package io.tenantra.agents;

import io.tenantra.model.Item;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/** JSON columns of this module (tags, configs, logs) written and read with the server's mapper. */
@Component
class AgentJson {

    private static final TypeReference<TreeMap<String, String>> TAGS = new TypeReference<>() {};

    private final JsonMapper json;

    // What this module stored passed the API's text rules when it arrived; reading it back through
    // them again (every string normalised and checked) was about a third of the cost of reading a
    // fleet's facts for re-evaluation. Stored facts are read with a plain mapper.
    // Objects are read as sorted maps: an item keeps its attributes sorted, and copying an already
    // sorted map is linear where sorting a hash map's entries is not.
    private final JsonMapper stored = JsonMapper.builder()
            .addModule(new SimpleModule("tenantra-stored-facts")
                    .addAbstractTypeMapping(Map.class, TreeMap.class)
                    .addDeserializer(Item.class, new StoredItemReader()))
            .build();

    AgentJson(JsonMapper json) {
        this.json = json;
    }

    /** For reading back JSON this module wrote itself. */
    JsonMapper storedMapper() {
        return stored;
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

package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenantra.model.Item;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Stored items read back exactly as written: fields, nested values, sorted maps; extras skipped. */
class StoredItemReaderTest {

    @Test
    void readsWhatWasStoredAndSkipsFieldsItDoesNotKnow() {
        AgentJson json = new AgentJson(JsonMapper.builder().build());
        List<Item> items = json.storedMapper()
                .readValue(
                        "[{\"extra\":{\"q\":[1,{\"r\":2}]},\"type\":\"package\",\"key\":\"dpkg:a\","
                                + "\"attributes\":{\"z\":1,\"b\":{\"y\":2.5,\"x\":[1,\"s\",null]},\"n\":null}},"
                                + "{\"type\":\"os\",\"key\":\"os\",\"attributes\":null}]",
                        new TypeReference<List<Item>>() {});
        assertThat(items).hasSize(2);
        Item first = items.get(0);
        assertThat(first.type()).isEqualTo("package");
        assertThat(first.key()).isEqualTo("dpkg:a");
        assertThat(first.attributes().keySet()).containsExactly("b", "n", "z");
        assertThat(first.attributes().get("z")).isEqualTo(1);
        assertThat(first.attributes().get("b"))
                .isInstanceOf(TreeMap.class)
                .isEqualTo(Map.of("y", 2.5, "x", java.util.Arrays.asList(1, "s", null)));
        assertThat(items.get(1).attributes()).isEmpty();
        // What the server's own mapper writes reads back equal.
        String written = JsonMapper.builder().build().writeValueAsString(items);
        assertThat(json.storedMapper().readValue(written, new TypeReference<List<Item>>() {}))
                .isEqualTo(items);
    }
}

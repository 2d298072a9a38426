package io.tenantra.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.model.Item;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The binary copy of a module's items reads back exactly what the stored-JSON reader gives: equal
 * values of the same Java types, so a re-evaluation from either copy judges alike.
 */
class FactsCodecTest {

    private static final TypeReference<List<Item>> ITEMS = new TypeReference<>() {};
    private final AgentJson json = new AgentJson(JsonMapper.builder().build());

    @Test
    void readsBackWhatTheJsonReaderGivesWithTheSameTypes() {
        String stored = "[{\"type\":\"package\",\"key\":\"dpkg:a\",\"attributes\":{\"z\":1,\"big\":12345678901,"
                + "\"huge\":123456789012345678901234567890,\"neg\":-7,\"f\":-2.5,\"t\":true,\"no\":false,"
                + "\"b\":{\"y\":2.5,\"x\":[1,\"s\",null,{\"deep\":\"\\u00e9\\u4e2d\"}]},\"n\":null,\"empty\":\"\"}},"
                + "{\"type\":\"package\",\"key\":\"dpkg:b\",\"attributes\":{\"z\":\"dpkg:a\",\"b\":[]}},"
                + "{\"type\":\"os\",\"key\":\"os\",\"attributes\":null}]";
        List<Item> fromJson = json.storedMapper().readValue(stored, ITEMS);

        List<Item> fromBinary = FactsCodec.decode(FactsCodec.encode(fromJson));

        assertThat(fromBinary).isEqualTo(fromJson);
        for (int i = 0; i < fromJson.size(); i++) {
            // The item wraps its own attribute map; what must match is every value inside it.
            Map<String, Object> binary = fromBinary.get(i).attributes();
            fromJson.get(i).attributes().forEach((name, value) -> assertSameShape(binary.get(name), value));
        }
        Map<String, Object> first = fromBinary.get(0).attributes();
        assertThat(first.get("big")).isInstanceOf(Long.class).isEqualTo(12345678901L);
        assertThat(first.get("huge")).isInstanceOf(BigInteger.class);
        assertThat(first.get("b")).isInstanceOf(TreeMap.class);
    }

    @Test
    void valuesTheApiMapperMayHoldSurviveToo() {
        Map<String, Object> attributes = new TreeMap<>();
        attributes.put("decimal", new BigDecimal("1.50"));
        attributes.put("min", Long.MIN_VALUE);
        attributes.put("maxInt", Integer.MAX_VALUE);
        attributes.put("minInt", Integer.MIN_VALUE);
        attributes.put("nan", Double.NaN);
        attributes.put("list", Arrays.asList(null, 0, -1, "x"));
        // The API's mapper keeps JSON objects in arrival order; stored, they come back sorted.
        Map<String, Object> arrival = new java.util.LinkedHashMap<>();
        arrival.put("z", 1);
        arrival.put("a", List.of(Map.of("y", 1, "b", 2)));
        attributes.put("nested", arrival);
        List<Item> items = List.of(new Item("t", "k", attributes));

        List<Item> decoded = FactsCodec.decode(FactsCodec.encode(items));
        assertThat(decoded).isEqualTo(items);
        assertThat(decoded.get(0).attributes().get("nested")).isInstanceOf(TreeMap.class);
        assertThat(List.copyOf(((Map<?, ?>) decoded.get(0).attributes().get("nested")).keySet()))
                .isEqualTo(List.of("a", "z"));
    }

    @Test
    void aRealScanDocumentRoundTrips() {
        // Many repeated strings (owners, states, attribute names): each is written once.
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            items.add(new Item(
                    "file",
                    "/etc/file-" + i,
                    Map.of("owner", "root", "group", "root", "mode", "0644", "size", i, "sha256", "ab" + i)));
        }
        String text = JsonMapper.builder().build().writeValueAsString(items);
        List<Item> fromJson = json.storedMapper().readValue(text, ITEMS);

        byte[] binary = FactsCodec.encode(fromJson);

        assertThat(FactsCodec.decode(binary)).isEqualTo(fromJson);
        assertThat(binary.length).isLessThan(text.length() / 2);
    }

    @Test
    void anotherVersionIsIgnoredAndDamageIsRefused() {
        assertThat(FactsCodec.decode(null)).isNull();
        assertThat(FactsCodec.decode(new byte[] {'F', 2, 0})).isNull();
        assertThat(FactsCodec.decode(new byte[] {'X', 1, 0})).isNull();
        byte[] good = FactsCodec.encode(List.of(new Item("t", "k", Map.of("a", 1))));
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> FactsCodec.decode(longer)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FactsCodec.encode(List.of(new Item("t", "k", Map.of("a", new Object())))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Object");
    }

    private static void assertSameShape(Object actual, Object expected) {
        if (expected == null) {
            assertThat(actual).isNull();
            return;
        }
        assertThat(actual).isInstanceOf(expected.getClass());
        if (expected instanceof Map<?, ?> map) {
            map.forEach((name, value) -> assertSameShape(((Map<?, ?>) actual).get(name), value));
        } else if (expected instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                assertSameShape(((List<?>) actual).get(i), list.get(i));
            }
        }
    }
}

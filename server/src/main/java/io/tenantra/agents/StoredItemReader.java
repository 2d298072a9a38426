package io.tenantra.agents;

import io.tenantra.model.Item;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a stored item ({@code type}, {@code key}, {@code attributes}) straight from the parser:
 * a fleet's re-evaluation reads millions of items, and Jackson's general path for a record
 * (collect every property, then call the constructor) cost more than the item's own fields.
 * Unknown fields are skipped, as stored JSON written by an older version may carry some.
 */
final class StoredItemReader extends ValueDeserializer<Item> {

    @Override
    public Item deserialize(JsonParser p, DeserializationContext ctxt) {
        String type = null;
        String key = null;
        Map<String, Object> attributes = null;
        for (String name = p.nextName(); name != null; name = p.nextName()) {
            JsonToken value = p.nextToken();
            switch (name) {
                case "type" -> type = value == JsonToken.VALUE_NULL ? null : p.getString();
                case "key" -> key = value == JsonToken.VALUE_NULL ? null : p.getString();
                case "attributes" -> attributes = value == JsonToken.VALUE_NULL ? null : ctxt.readValue(p, ATTRIBUTES);
                default -> p.skipChildren();
            }
        }
        return new Item(type, key, attributes);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final Class<Map<String, Object>> ATTRIBUTES = (Class) TreeMap.class;
}

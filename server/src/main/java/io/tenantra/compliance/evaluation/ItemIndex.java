package io.tenantra.compliance.evaluation;

import io.tenantra.model.Item;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An asset's items by type, read-only, that also finds the items of a type by key. Most fact
 * rules name one key (a sysctl, a package, an sshd option) among hundreds of items of its type;
 * scanning them for each of a few hundred checks on each of thousands of assets was a large
 * part of a fleet's re-evaluation; so is looking for a package by name among hundreds. The key
 * index of a type, and an attribute's index, is built the first time it is asked for.
 */
final class ItemIndex extends AbstractMap<String, List<Item>> {

    private final Map<String, List<Item>> byType;
    private final Map<String, Map<String, List<Item>>> byKey = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<Item>>> byAttribute = new ConcurrentHashMap<>();

    ItemIndex(Map<String, List<Item>> byType) {
        Map<String, List<Item>> copy = new HashMap<>();
        byType.forEach((type, items) -> copy.put(type, List.copyOf(items)));
        this.byType = Map.copyOf(copy);
    }

    List<Item> withKey(String type, String key) {
        return byKey.computeIfAbsent(type, this::index).getOrDefault(key, List.of());
    }

    /**
     * The items of {@code type} whose {@code attribute}, as text (the way EQUALS compares text),
     * is {@code text}; items without the attribute are in no entry.
     */
    List<Item> withAttribute(String type, String attribute, String text) {
        return byAttribute
                .computeIfAbsent(type + '\u0000' + attribute, k -> attributeIndex(type, attribute))
                .getOrDefault(text, List.of());
    }

    private Map<String, List<Item>> attributeIndex(String type, String attribute) {
        Map<String, List<Item>> index = new HashMap<>();
        for (Item item : byType.getOrDefault(type, List.of())) {
            Object value = AttributeComparison.attribute(item, attribute);
            if (value != null) {
                index.computeIfAbsent(AttributeComparison.text(value), k -> new ArrayList<>(1))
                        .add(item);
            }
        }
        return index;
    }

    private Map<String, List<Item>> index(String type) {
        Map<String, List<Item>> index = new HashMap<>();
        for (Item item : byType.getOrDefault(type, List.of())) {
            index.computeIfAbsent(item.key(), k -> new ArrayList<>(1)).add(item);
        }
        return index;
    }

    @Override
    public List<Item> get(Object type) {
        return byType.get(type);
    }

    @Override
    public boolean containsKey(Object type) {
        return byType.containsKey(type);
    }

    @Override
    public Set<Entry<String, List<Item>>> entrySet() {
        return byType.entrySet();
    }
}

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
 * part of a fleet's re-evaluation. The key index of a type is built the first time it is asked.
 */
final class ItemIndex extends AbstractMap<String, List<Item>> {

    private final Map<String, List<Item>> byType;
    private final Map<String, Map<String, List<Item>>> byKey = new ConcurrentHashMap<>();

    ItemIndex(Map<String, List<Item>> byType) {
        Map<String, List<Item>> copy = new HashMap<>();
        byType.forEach((type, items) -> copy.put(type, List.copyOf(items)));
        this.byType = Map.copyOf(copy);
    }

    List<Item> withKey(String type, String key) {
        return byKey.computeIfAbsent(type, this::index).getOrDefault(key, List.of());
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

package io.tenantra.model;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One collected fact: a package, a listening socket, a user, a file. {@code type} says what it
 * is (e.g. {@code package}, {@code listener}); {@code key} identifies it within its type on this
 * host (stable across scans, so drift can match items); {@code attributes} hold its properties
 * as JSON-compatible values (strings, numbers, booleans, lists, maps), kept in sorted key order
 * so that two scans of an unchanged host serialise identically.
 */
public record Item(String type, String key, Map<String, Object> attributes) implements Comparable<Item> {

    public Item {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        attributes = attributes == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    @Override
    public int compareTo(Item other) {
        int byType = type.compareTo(other.type);
        return byType != 0 ? byType : key.compareTo(other.key);
    }
}

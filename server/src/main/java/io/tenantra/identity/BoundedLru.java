package io.tenantra.identity;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A small least-recently-used map for per-key login state kept in memory (rate-limit buckets,
 * the lock state of names that match no account). Bounded, so a flood of distinct addresses or
 * usernames costs a fixed amount of memory: the key seen longest ago is forgotten first, and
 * forgetting one only hands its owner a fresh allowance, never blocks anybody.
 */
final class BoundedLru<V> {

    private final Map<String, V> entries;

    BoundedLru(int maxEntries) {
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > maxEntries;
            }
        };
    }

    synchronized V computeIfAbsent(String key, Function<String, V> create) {
        return entries.computeIfAbsent(key, create);
    }

    synchronized V get(String key) {
        return entries.get(key);
    }

    synchronized void put(String key, V value) {
        entries.put(key, value);
    }

    synchronized void remove(String key) {
        entries.remove(key);
    }

    synchronized int size() {
        return entries.size();
    }
}

package io.tenantra.agent.modules;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds an item's attribute map: sorted keys, no null values (absent facts are left out rather
 * than serialised as null, so adding a fact later is not a change of every item), collections
 * copied as sorted lists where order carries no meaning.
 */
public final class Attrs {

    private final Map<String, Object> values = new TreeMap<>();

    public static Attrs of() {
        return new Attrs();
    }

    public Attrs put(String key, Object value) {
        if (value != null) {
            values.put(key, value);
        }
        return this;
    }

    /** Puts a list as given: for values whose order means something (ExecStart lines, options). */
    public Attrs putList(String key, List<?> value) {
        if (value != null) {
            values.put(key, List.copyOf(value));
        }
        return this;
    }

    /** Puts a collection sorted: for sets (group members, process names). */
    public Attrs putSorted(String key, Collection<String> value) {
        if (value != null) {
            values.put(key, value.stream().sorted().distinct().toList());
        }
        return this;
    }

    public Map<String, Object> map() {
        return values;
    }
}

package io.tenantra.agent.modules;

import io.tenantra.model.Item;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.Risk;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** Lookups into a result for assertions. */
public final class Results {

    private Results() {}

    public static Item item(ModuleResult result, String type, String key) {
        return result.items().stream()
                .filter(i -> i.type().equals(type) && i.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException(type + " " + key + " not in " + keys(result, type)));
    }

    public static Map<String, Object> attrs(ModuleResult result, String type, String key) {
        return item(result, type, key).attributes();
    }

    public static List<String> keys(ModuleResult result, String type) {
        return result.items().stream()
                .filter(i -> i.type().equals(type))
                .map(Item::key)
                .toList();
    }

    public static List<String> riskCodes(ModuleResult result, String itemKey) {
        return result.risks().stream()
                .filter(r -> itemKey.equals(r.itemKey()))
                .map(Risk::code)
                .toList();
    }

    public static boolean hasRisk(ModuleResult result, String code, String itemKey) {
        return result.risks().stream().anyMatch(r -> r.code().equals(code) && itemKey.equals(r.itemKey()));
    }

    public static String json(ModuleResult result) {
        return ModuleJson.mapper().writeValueAsString(result);
    }
}

package io.tenantra.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The standard result of one scanning module: status, items, risks and messages, all sorted, so
 * that the same host state always produces the same result. {@code execution} carries timings
 * and is the only part expected to differ between two scans of an unchanged host.
 */
public record ModuleResult(
        String module,
        String moduleVersion,
        ModuleStatus status,
        List<Item> items,
        List<Risk> risks,
        List<String> messages,
        ModuleExecution execution) {

    public ModuleResult {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(status, "status");
        items = sorted(items);
        risks = sorted(risks);
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    private static <T extends Comparable<T>> List<T> sorted(List<T> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        List<T> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return List.copyOf(copy);
    }

    /** The same result without execution details: what drift detection compares. */
    public ModuleResult withoutExecution() {
        return new ModuleResult(module, moduleVersion, status, items, risks, messages, null);
    }
}

package io.tenantra.agent.modules;

import io.tenantra.model.Item;
import io.tenantra.model.ModuleExecution;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import io.tenantra.model.Risk;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a module's serialised output under its cap. Items and risks are already sorted, so
 * keeping a prefix is deterministic: the same oversized host state always loses the same items.
 * Risks are kept first (they are few and matter most), then items until the budget is spent.
 */
final class OutputCap {

    private OutputCap() {}

    static ModuleResult apply(ModuleResult result, long maxBytes) {
        long used = size(result.messages()) + 512;
        List<Risk> risks = new ArrayList<>();
        for (Risk risk : result.risks()) {
            long size = size(risk);
            if (used + size > maxBytes / 2) {
                break;
            }
            used += size;
            risks.add(risk);
        }
        List<Item> items = new ArrayList<>();
        for (Item item : result.items()) {
            long size = size(item);
            if (used + size > maxBytes) {
                break;
            }
            used += size;
            items.add(item);
        }
        if (items.size() == result.items().size()
                && risks.size() == result.risks().size()) {
            return result;
        }
        ModuleExecution execution = result.execution();
        List<String> skipped = new ArrayList<>(execution == null ? List.of() : execution.skipped());
        skipped.add("output capped at " + maxBytes + " bytes: kept " + items.size() + " of "
                + result.items().size() + " items and " + risks.size() + " of "
                + result.risks().size() + " risks (first in sorted order)");
        ModuleStatus status = result.status() == ModuleStatus.OK ? ModuleStatus.PARTIAL : result.status();
        return new ModuleResult(
                result.module(),
                result.moduleVersion(),
                status,
                items,
                risks,
                result.messages(),
                new ModuleExecution(
                        execution == null ? null : execution.startedAt(),
                        execution == null ? 0 : execution.durationMillis(),
                        execution != null && execution.timedOut(),
                        true,
                        skipped));
    }

    private static long size(Object value) {
        return ModuleJson.mapper().writeValueAsBytes(value).length + 1L;
    }
}

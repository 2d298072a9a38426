package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

/**
 * Risks as people read them: the rows with the same code and reason shown once, with how many
 * items they concern and which (57 identical HIGH rows become one line with "57 items"). A process
 * is named by its name and PID, never by a bare PID.
 */
@Component
public class RiskGroups {

    /** Severity names from least to most severe, as the model defines them. */
    static final List<String> SEVERITIES = List.of("INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL");

    /** Items listed per group at most; the count stays exact. */
    static final int MAX_LISTED = 500;

    private static final TypeReference<List<Map<String, Object>>> LIST_OF_MAPS = new TypeReference<>() {};

    private final ModuleItemRepository items;
    private final SensitiveValues sensitive;
    private final TenantTransactions tx;
    private final AgentJson json;

    RiskGroups(ModuleItemRepository items, SensitiveValues sensitive, TenantTransactions tx, AgentJson json) {
        this.items = items;
        this.sensitive = sensitive;
        this.tx = tx;
        this.json = json;
    }

    /**
     * Risks with one code and reason in one module.
     *
     * @param severity the worst severity among them
     * @param items what they concern, as labels ("nginx (PID 812)"), at most {@link #MAX_LISTED}
     */
    public record Group(String module, String severity, String code, String reason, int count, List<String> items) {
        public boolean high() {
            return "HIGH".equals(severity) || "CRITICAL".equals(severity);
        }

        public int unlisted() {
            return count - items.size();
        }
    }

    /** The grouped risks of every module's latest result on one agent, worst first. */
    public List<Group> forAgent(TenantScope scope, UUID tenantId, UUID agentId, boolean revealed) {
        return tx.read(scope, () -> {
            List<Group> groups = new ArrayList<>();
            for (ModuleItemRepository.ModuleRisks m : items.latestRisks(tenantId, agentId)) {
                groups.addAll(group(
                        tenantId, m.jobId(), m.module(), json.mapper().readValue(m.risks(), LIST_OF_MAPS), revealed));
            }
            groups.sort(ORDER);
            return groups;
        });
    }

    private static final Comparator<Group> ORDER = Comparator.comparingInt(
                    (Group g) -> SEVERITIES.indexOf(g.severity()))
            .reversed()
            .thenComparing(Comparator.comparingInt(Group::count).reversed())
            .thenComparing(Group::module)
            .thenComparing(Group::code);

    /** Groups one module result's risks; runs inside the caller's tenant transaction. */
    List<Group> group(UUID tenantId, UUID jobId, String module, List<Map<String, Object>> risks, boolean revealed) {
        Map<List<String>, List<Map<String, Object>>> byCodeAndReason = new LinkedHashMap<>();
        List<String> processKeys = new ArrayList<>();
        for (Map<String, Object> risk : risks) {
            byCodeAndReason
                    .computeIfAbsent(List.of(text(risk.get("code")), text(risk.get("reason"))), k -> new ArrayList<>())
                    .add(risk);
            if ("process".equals(risk.get("itemType")) && risk.get("itemKey") != null) {
                processKeys.add(text(risk.get("itemKey")));
            }
        }
        Map<String, String> processNames = processKeys.isEmpty()
                ? Map.of()
                : items.attributeOf(tenantId, jobId, module, "process", "name", processKeys);
        List<Group> groups = new ArrayList<>();
        byCodeAndReason.forEach((codeAndReason, members) -> {
            String worst = null;
            List<String> labels = new ArrayList<>();
            for (Map<String, Object> risk : members) {
                String severity = text(risk.get("severity"));
                if (worst == null || SEVERITIES.indexOf(severity) > SEVERITIES.indexOf(worst)) {
                    worst = severity;
                }
                if (labels.size() < MAX_LISTED && risk.get("itemKey") != null) {
                    labels.add(label(text(risk.get("itemType")), text(risk.get("itemKey")), processNames));
                }
            }
            String reason = revealed ? codeAndReason.get(1) : sensitive.redact(codeAndReason.get(1));
            groups.add(new Group(module, worst, codeAndReason.get(0), reason, members.size(), labels));
        });
        groups.sort(ORDER);
        return groups;
    }

    /** The worst severity flagged on each item, by type + NUL + key. */
    static Map<String, String> worstByItem(List<Map<String, Object>> risks) {
        Map<String, String> worst = new HashMap<>();
        for (Map<String, Object> risk : risks) {
            String item = text(risk.get("itemType")) + "\u0000" + text(risk.get("itemKey"));
            String severity = text(risk.get("severity"));
            worst.merge(item, severity, (a, b) -> SEVERITIES.indexOf(b) > SEVERITIES.indexOf(a) ? b : a);
        }
        return worst;
    }

    private static String label(String type, String key, Map<String, String> processNames) {
        if ("process".equals(type)) {
            String name = processNames.get(key);
            return name == null ? "process with PID " + key : name + " (PID " + key + ")";
        }
        return key;
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}

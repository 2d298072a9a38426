package io.tenantra.compliance.content.wazuh;

import io.tenantra.compliance.content.Applicability;
import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.Condition;
import io.tenantra.compliance.content.Remediation;
import io.tenantra.compliance.content.Rule;
import io.tenantra.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one entry of a Wazuh policy's {@code checks} into a {@link Check}. Both forms are read
 * alike: {@code title} or {@code name}, {@code compliance} as a list of one-key maps or as a map,
 * MITRE ids from {@code mitre} blocks. Rules that cannot run are reported and listed on the check
 * as unsupported; the check keeps the rules that can.
 */
final class CheckReader {

    /** Wazuh content carries no severity; every imported check gets this one (documented). */
    static final Severity DEFAULT_SEVERITY = Severity.MEDIUM;

    private final Problems problems;
    private final String policyId;
    private final Variables variables;
    private final boolean windows;

    CheckReader(Problems problems, String policyId, Variables variables, boolean windows) {
        this.problems = problems;
        this.policyId = policyId;
        this.variables = variables;
        this.windows = windows;
    }

    /** @return null when the check has errors (already reported) */
    Check read(Node node, String field, Dialect policyDialect, List<String> inheritedUnsupported) {
        Map<String, Node> fields = problems.fields(node, field);
        if (fields.isEmpty()) {
            return null;
        }
        int errorsBefore = problems.errors().size();
        String wazuhId = problems.required(fields, "id", node, field);
        String title = fields.containsKey("name")
                ? problems.required(fields, "name", node, field)
                : problems.required(fields, "title", node, field);
        Condition condition = WazuhPolicyImporter.condition(problems, fields, node, field);
        Dialect dialect = dialect(fields, policyDialect, field);
        if (wazuhId != null && !wazuhId.matches("[A-Za-z0-9._-]{1,40}")) {
            problems.error(
                    fields.get("id"), field + ".id", "a check id is a number (or letters, digits, '.', '_', '-')");
        }
        List<String> unsupported = new ArrayList<>(inheritedUnsupported);
        List<Rule> rules = rules(fields, node, field, dialect, unsupported, wazuhId);
        Map<String, List<String>> frameworks = frameworks(fields, field);
        List<String> references = problems.strings(fields.get("references"), field + ".references");
        String description = problems.optional(fields, "description", field);
        String rationale = problems.optional(fields, "rationale", field);
        String remediation = problems.optional(fields, "remediation", field);
        if (problems.errors().size() > errorsBefore) {
            return null;
        }
        return new Check(
                WazuhPolicyImporter.checkId(policyId, wazuhId),
                1,
                title,
                description,
                rationale,
                DEFAULT_SEVERITY,
                Applicability.ANY,
                condition,
                rules,
                new Remediation(remediation, List.of()),
                references,
                frameworks,
                unsupported,
                problems.at(node, field));
    }

    private Dialect dialect(Map<String, Node> fields, Dialect policyDialect, String field) {
        String regexType = problems.optional(fields, "regex_type", field);
        if (policyDialect.fiveX() || regexType == null) {
            return policyDialect; // 5.x ignores regex_type: its engine is always PCRE2
        }
        return regexType.strip().equalsIgnoreCase("pcre2") ? Dialect.V4_PCRE2 : Dialect.V4_OS_REGEX;
    }

    private List<Rule> rules(
            Map<String, Node> fields,
            Node node,
            String field,
            Dialect dialect,
            List<String> unsupported,
            String wazuhId) {
        Node rulesNode = fields.get("rules");
        if (!(rulesNode instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            problems.error(rulesNode == null ? node : rulesNode, field + ".rules", "'rules' must be a non-empty list");
            return List.of();
        }
        RuleTranslator translator = new RuleTranslator(dialect, windows);
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            Node ruleNode = sequence.getValue().get(i);
            String ruleField = field + ".rules[" + i + "]";
            String text = Problems.text(ruleNode);
            if (text == null || text.isBlank()) {
                problems.error(ruleNode, ruleField, "a rule must be non-empty text");
                continue;
            }
            try {
                rules.add(translator.translate(variables.substitute(text, dialect)));
            } catch (UnsupportedRule e) {
                String line = "line " + problems.at(ruleNode, ruleField).line();
                unsupported.add(line + " " + ruleField + ": '" + text + "': " + e.getMessage());
                problems.unsupported(ruleNode, ruleField, "check " + wazuhId + ": '" + text + "': " + e.getMessage());
            }
        }
        return rules;
    }

    private Map<String, List<String>> frameworks(Map<String, Node> fields, String field) {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        Node compliance = fields.get("compliance");
        if (compliance instanceof SequenceNode list) {
            // 4.x: a list of one-key maps, e.g. [{cis: ["1.1"]}, {nist_800_53: ["CM-6"]}]
            for (int i = 0; i < list.getValue().size(); i++) {
                collect(list.getValue().get(i), field + ".compliance[" + i + "]", byKey);
            }
        } else if (compliance != null && !Problems.isNull(compliance)) {
            collect(compliance, field + ".compliance", byKey); // 5.x: one map
        }
        Node mitre = fields.get("mitre");
        if (mitre != null && !Problems.isNull(mitre)) {
            for (Map.Entry<String, Node> block :
                    problems.fields(mitre, field + ".mitre").entrySet()) {
                Node value = block.getValue();
                String blockField = field + ".mitre." + block.getKey();
                Node ids = value instanceof MappingNode
                        ? problems.fields(value, blockField).get("id")
                        : value; // {id: [...], name: [...]} or the short list form
                byKey.computeIfAbsent("mitre_" + block.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .addAll(problems.strings(ids, blockField));
            }
        }
        byKey.values().removeIf(List::isEmpty);
        return FrameworkKeys.frameworks(byKey, policyId);
    }

    private void collect(Node map, String field, Map<String, List<String>> byKey) {
        if (!(map instanceof MappingNode mapping)) {
            problems.error(map, field, "compliance entries map a framework key to a list of control ids");
            return;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = Problems.text(tuple.getKeyNode());
            if (key == null) {
                problems.error(tuple.getKeyNode(), field, "compliance keys must be text");
                continue;
            }
            byKey.computeIfAbsent(key, k -> new ArrayList<>())
                    .addAll(problems.strings(tuple.getValueNode(), field + "." + key));
        }
    }
}

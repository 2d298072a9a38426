package io.tenantra.compliance.content;

import io.tenantra.model.ContentTest;
import io.tenantra.model.ContentTestKind;
import io.tenantra.model.Probe;
import io.tenantra.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a {@link Policy} as {@code tenantra/checks@1}. Defaults are left out (version 1,
 * condition all, expect all, the usual outcome for missing items, the text a rule would be given
 * anyway) so exported files read like hand-written ones; text that would be taken for a variable
 * reference is escaped. Sets and maps are written sorted, so the same policy always gives the same
 * file.
 */
final class PolicyWriter {

    private PolicyWriter() {}

    static String write(Policy policy) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("format", FormatKeys.FORMAT);
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("id", policy.id());
        header.put("version", policy.version() == null ? "unversioned" : policy.version());
        header.put("title", policy.title() == null ? policy.id() : policy.title());
        putText(header, "description", policy.description());
        putIfPresent(header, "applies", applies(policy.requirements()));
        file.put("policy", header);
        Map<String, Object> variables = new TreeMap<>();
        policy.variables().forEach((name, value) -> {
            // Imported SCA variables are written $name; ours are bare names. Their values are already
            // substituted into the rules, so a name that is no valid name here is informational only.
            String bare = name.startsWith("$") ? name.substring(1) : name;
            if (Variables.NAME.matcher(bare).matches()) {
                variables.put(bare, value);
            }
        });
        if (!variables.isEmpty()) {
            file.put("variables", variables);
        }
        List<Object> checks = new ArrayList<>();
        for (Check check : policy.checks()) {
            checks.add(check(check));
        }
        file.put("checks", checks);
        return new Yaml(options()).dump(file);
    }

    private static DumperOptions options() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setSplitLines(false);
        options.setWidth(160);
        return options;
    }

    private static Map<String, Object> check(Check check) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", check.id());
        if (check.version() != 1) {
            out.put("version", check.version());
        }
        out.put("title", check.title() == null ? check.id() : check.title());
        putText(out, "description", check.description());
        putText(out, "rationale", check.rationale());
        out.put("severity", FormatKeys.key(check.severity() == null ? Severity.MEDIUM : check.severity()));
        putIfPresent(out, "applies", applies(check.applicability()));
        if (check.condition() != Condition.ALL) {
            out.put("condition", FormatKeys.key(check.condition()));
        }
        if (!check.rules().isEmpty()) {
            out.put("rules", rules(check.rules()));
        }
        Map<String, Object> remediation = new LinkedHashMap<>();
        putText(remediation, "text", check.remediation().text());
        if (!check.remediation().commands().isEmpty()) {
            remediation.put("commands", check.remediation().commands());
        }
        putIfPresent(out, "remediation", remediation);
        if (!check.references().isEmpty()) {
            out.put("references", check.references());
        }
        if (!check.frameworks().isEmpty()) {
            out.put("frameworks", new TreeMap<>(check.frameworks()));
        }
        if (!check.unsupported().isEmpty()) {
            out.put("unsupported", check.unsupported());
        }
        return out;
    }

    private static Map<String, Object> applies(Applicability applies) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (applies == null) {
            return out;
        }
        if (!applies.osFamilies().isEmpty()) {
            out.put("os", new ArrayList<>(new TreeSet<>(applies.osFamilies())));
        }
        if (!applies.osIds().isEmpty()) {
            out.put("distributions", new ArrayList<>(new TreeSet<>(applies.osIds())));
        }
        if (applies.osVersion() != null) {
            out.put("version", applies.osVersion());
        }
        if (!applies.packages().isEmpty()) {
            out.put("packages", applies.packages());
        }
        if (!applies.files().isEmpty()) {
            out.put("files", applies.files().stream().map(Variables::escape).toList());
        }
        Applicability.Requirement requirement = applies.requirement();
        if (requirement != null) {
            Map<String, Object> requirements = new LinkedHashMap<>();
            if (requirement.title() != null) {
                requirements.put("title", requirement.title());
            }
            if (requirement.condition() != null && requirement.condition() != Condition.ALL) {
                requirements.put("condition", FormatKeys.key(requirement.condition()));
            }
            requirements.put("rules", rules(requirement.rules()));
            out.put("requirements", requirements);
        }
        return out;
    }

    private static List<Object> rules(List<Rule> rules) {
        List<Object> out = new ArrayList<>();
        for (Rule rule : rules) {
            Map<String, Object> written = new LinkedHashMap<>();
            if (rule instanceof FactRule fact) {
                written.put("fact", fact(fact));
            } else {
                written.put("probe", probe(((ProbeRule) rule).probe()));
            }
            if (rule.negated()) {
                written.put("not", true);
            }
            if (rule.text() != null && !rule.text().equals(RuleTexts.describe(rule))) {
                written.put("text", rule.text());
            }
            out.add(written);
        }
        return out;
    }

    private static Map<String, Object> fact(FactRule rule) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (rule.module() != null) {
            out.put("module", rule.module());
        }
        out.put("type", rule.type());
        if (rule.key() != null) {
            out.put("key", rule.key());
        }
        if (rule.keyPattern() != null) {
            out.put("key_matches", rule.keyPattern());
        }
        if (!rule.where().isEmpty()) {
            Map<String, Object> where = new LinkedHashMap<>();
            for (AttributeTest test : rule.where()) {
                where.put(
                        test.attribute(),
                        test.operator() == Operator.EQUALS
                                ? test.expected()
                                : Map.of(FormatKeys.key(test.operator()), expected(test)));
            }
            out.put("where", where);
        }
        if (rule.test() != null) {
            out.put("attribute", rule.test().attribute());
            out.put(FormatKeys.key(rule.test().operator()), expected(rule.test()));
        }
        if (rule.expect() != Quantifier.ALL) {
            out.put("expect", FormatKeys.key(rule.expect()));
        }
        if (rule.whenMissing() != RuleReader.defaultMissing(rule.expect())) {
            out.put("missing", FormatKeys.key(rule.whenMissing()));
        }
        return out;
    }

    private static Object expected(AttributeTest test) {
        return test.operator() == Operator.EXISTS || test.operator() == Operator.ABSENT
                ? Boolean.TRUE
                : test.expected();
    }

    private static Map<String, Object> probe(Probe probe) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> targets = probe.targets().stream().map(Variables::escape).toList();
        switch (probe.kind()) {
            case FILE -> out.put("file", targets);
            case DIRECTORY -> out.put("directory", single(targets));
            case PROCESS -> out.put("process", single(targets));
            case COMMAND -> out.put("command", single(targets));
            case REGISTRY -> out.put("registry", single(targets));
            case FILE_STAT -> out.put("stat", single(targets));
        }
        if (probe.namePattern() != null) {
            out.put("names", Variables.escape(probe.namePattern()));
        }
        if (probe.registryValue() != null) {
            out.put("value", Variables.escape(probe.registryValue()));
        }
        if (probe.shell()) {
            out.put("shell", true);
        }
        if (probe.kind() == io.tenantra.model.ProbeKind.COMMAND
                && probe.timeoutSeconds() > 0
                && probe.timeoutSeconds() != Probes.DEFAULT_COMMAND_TIMEOUT) {
            out.put("timeout", probe.timeoutSeconds());
        }
        if (!probe.tests().isEmpty()) {
            out.put("lines", probe.tests().stream().map(PolicyWriter::line).toList());
        }
        return out;
    }

    /** One target as a scalar; several (only files mean "any of") stay a list for the reader to refuse. */
    private static Object single(List<String> targets) {
        return targets.size() == 1 ? targets.get(0) : targets;
    }

    private static Map<String, Object> line(ContentTest test) {
        Map<String, Object> out = new LinkedHashMap<>();
        String pattern = Variables.escape(test.pattern());
        boolean negated = test.negated();
        if (test.kind() == ContentTestKind.LITERAL) {
            out.put("equals", pattern);
        } else if (test.kind() == ContentTestKind.REGEX) {
            out.put(negated ? "not_matches" : "matches", pattern);
            negated = false;
        } else {
            out.put("number", pattern);
            String key = FormatKeys.LINE_OPERATORS.entrySet().stream()
                    .filter(e -> e.getValue().equals(test.operator()))
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse("eq");
            Number value = test.value() == null ? null : Numbers.parse(test.value());
            out.put(key, value == null ? test.value() : value);
        }
        if (negated) {
            out.put("not", true);
        }
        return out;
    }

    private static void putText(Map<String, Object> out, String key, String text) {
        if (text != null && !text.isEmpty()) {
            out.put(key, text);
        }
    }

    private static void putIfPresent(Map<String, Object> out, String key, Map<String, Object> value) {
        if (!value.isEmpty()) {
            out.put(key, value);
        }
    }
}

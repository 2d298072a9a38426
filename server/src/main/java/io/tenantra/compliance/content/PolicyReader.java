package io.tenantra.compliance.content;

import io.tenantra.model.Severity;
import io.tenantra.platform.text.TextRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads one composed {@code tenantra/checks@1} document into a {@link Policy}: the policy header,
 * variables, and every check with its applicability, rules, remediation, references and framework
 * mappings. Problems are collected, never thrown; {@link CheckFormat} decides what they mean.
 */
final class PolicyReader {

    /** Policy, check and framework ids: lower case, digits, dot, dash, underscore; 100 at most. */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    static final Pattern FRAMEWORK_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    static final Pattern DISTRIBUTION = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    static final int MAX_CHECKS = 5000;

    private final YamlFields yaml;
    private final PolicyOrigin origin;
    private Variables variables;
    private RuleReader rules;

    PolicyReader(YamlFields yaml, PolicyOrigin origin) {
        this.yaml = yaml;
        this.origin = origin;
    }

    Policy read(Node root) {
        refuseAliases(root, Collections.newSetFromMap(new IdentityHashMap<>()));
        YamlFields.Fields file = yaml.mapping(root, "", FormatKeys.FILE);
        if (file == null) {
            return null;
        }
        String format = file.text("format", true, false);
        if (format != null && !format.equals(FormatKeys.FORMAT)) {
            yaml.error(file.get("format"), "format", "must be " + FormatKeys.FORMAT + ", not '" + format + "'");
        }
        Map<String, String> values = file.has("variables") ? variables(file.get("variables")) : Map.of();
        variables = new Variables(values, yaml);
        rules = new RuleReader(yaml, variables);
        YamlFields.Fields header =
                file.require("policy") ? yaml.mapping(file.get("policy"), "policy", FormatKeys.POLICY) : null;
        String id = null;
        String version = null;
        String title = null;
        String description = null;
        Applicability requirements = null;
        if (header != null) {
            id = id(header, "id", ID);
            version = header.text("version", true, false);
            title = header.text("title", true, false);
            description = header.text("description", false, true);
            requirements = header.has("applies") ? applies(header.get("applies"), header.path("applies")) : null;
        }
        List<Check> checks = file.require("checks") ? checks(file.get("checks")) : List.of();
        if (id == null) {
            return null;
        }
        return new Policy(id, version, title, description, origin, requirements, values, checks, List.of());
    }

    /**
     * An alias repeats a node already read: refused, so one anchor cannot fan out into a huge tree.
     * Keys are checked for length here too (values are checked where they are read, with their field).
     */
    private void refuseAliases(Node node, Set<Node> seen) {
        if (node == null) {
            return;
        }
        if (!seen.add(node)) {
            yaml.error(node, "", "anchors and aliases (&name, *name) are not supported in content");
            return;
        }
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key
                        && TextRules.length(key.getValue()) > YamlFields.MAX_KEY) {
                    yaml.error(key, "", "key longer than " + YamlFields.MAX_KEY + " characters");
                }
                refuseAliases(tuple.getKeyNode(), seen);
                refuseAliases(tuple.getValueNode(), seen);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (Node child : sequence.getValue()) {
                refuseAliases(child, seen);
            }
        }
    }

    private Map<String, String> variables(Node node) {
        YamlFields.Fields fields = yaml.mapping(node, "variables", null);
        Map<String, String> values = new LinkedHashMap<>();
        if (fields == null) {
            return values;
        }
        for (String name : fields.present()) {
            String path = fields.path(name);
            if (!Variables.NAME.matcher(name).matches()) {
                yaml.error(
                        fields.keyNode(name),
                        path,
                        "variable names are letters, digits and _ (not starting with a digit)");
                continue;
            }
            String value = yaml.text(fields.get(name), path, false);
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    private String id(YamlFields.Fields fields, String key, Pattern pattern) {
        String id = fields.text(key, true, false);
        if (id != null && !pattern.matcher(id).matches()) {
            yaml.error(fields.get(key), fields.path(key), "'" + id + "' is not a valid id (" + pattern.pattern() + ")");
            return null;
        }
        return id;
    }

    private List<Check> checks(Node node) {
        List<Node> nodes = yaml.sequence(node, "checks", false);
        List<Check> checks = new ArrayList<>();
        if (nodes == null) {
            return checks;
        }
        if (nodes.size() > MAX_CHECKS) {
            yaml.error(node, "checks", "holds " + nodes.size() + " checks; a policy holds at most " + MAX_CHECKS);
            return checks;
        }
        Map<String, Integer> lines = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = YamlFields.index("checks", i);
            Check check = check(nodes.get(i), path);
            if (check == null) {
                continue;
            }
            Integer first = lines.putIfAbsent(check.id(), check.location().line());
            if (first != null) {
                yaml.error(
                        nodes.get(i),
                        path + ".id",
                        "duplicate check id '" + check.id() + "' (first at line " + first + ")");
                continue;
            }
            checks.add(check);
        }
        return checks;
    }

    private Check check(Node node, String path) {
        YamlFields.Fields f = yaml.mapping(node, path, FormatKeys.CHECK);
        if (f == null) {
            return null;
        }
        int before = yaml.problems().size();
        String id = id(f, "id", ID);
        Integer version =
                f.has("version") ? yaml.integer(f.get("version"), f.path("version"), 1, 1_000_000) : Integer.valueOf(1);
        String title = f.text("title", true, false);
        String description = f.text("description", false, true);
        String rationale = f.text("rationale", false, true);
        Severity severity =
                f.require("severity") ? yaml.enumValue(Severity.class, f.get("severity"), f.path("severity")) : null;
        Applicability applies = f.has("applies") ? applies(f.get("applies"), f.path("applies")) : null;
        Condition condition = f.has("condition")
                ? yaml.enumValue(Condition.class, f.get("condition"), f.path("condition"))
                : Condition.ALL;
        List<String> unsupported = new ArrayList<>();
        if (f.has("unsupported")) {
            List<Node> reasons = yaml.sequence(f.get("unsupported"), f.path("unsupported"), true);
            for (int i = 0; reasons != null && i < reasons.size(); i++) {
                String reason = yaml.text(reasons.get(i), YamlFields.index(f.path("unsupported"), i), true);
                if (reason != null) {
                    unsupported.add(reason);
                    yaml.unsupported(reasons.get(i), YamlFields.index(f.path("unsupported"), i), reason);
                }
            }
        }
        List<Rule> checkRules = List.of();
        if (f.has("rules")) {
            int beforeRules = yaml.problems().size();
            checkRules = rules.rules(f.get("rules"), f.path("rules"));
            if (checkRules.isEmpty() && unsupported.isEmpty() && yaml.problems().size() == beforeRules) {
                yaml.error(f.get("rules"), f.path("rules"), "must hold at least one rule");
            }
        } else if (unsupported.isEmpty()) {
            f.require("rules");
        }
        Remediation remediation =
                f.has("remediation") ? remediation(f.get("remediation"), f.path("remediation")) : null;
        List<String> references = f.texts("references", false);
        Map<String, List<String>> frameworks =
                f.has("frameworks") ? frameworks(f.get("frameworks"), f.path("frameworks")) : null;
        if (yaml.problems().stream().skip(before).anyMatch(p -> p.kind() == ContentProblem.Kind.ERROR)) {
            return null;
        }
        return new Check(
                id,
                version,
                title,
                description,
                rationale,
                severity,
                applies,
                condition,
                checkRules,
                remediation,
                references,
                frameworks,
                unsupported,
                yaml.location(node, path));
    }

    Applicability applies(Node node, String path) {
        YamlFields.Fields f = yaml.mapping(node, path, FormatKeys.APPLIES);
        if (f == null) {
            return null;
        }
        Set<String> families = new LinkedHashSet<>();
        for (String family : f.texts("os", true)) {
            if (FormatKeys.OS_FAMILIES.contains(family)) {
                families.add(family);
            } else {
                yaml.error(f.get("os"), f.path("os"), "'" + family + "' is not an OS family (linux, windows, macos)");
            }
        }
        Set<String> distributions = new LinkedHashSet<>();
        for (String distribution : f.texts("distributions", true)) {
            if (DISTRIBUTION.matcher(distribution).matches()) {
                distributions.add(distribution);
            } else {
                yaml.error(
                        f.get("distributions"),
                        f.path("distributions"),
                        "'" + distribution + "' is not an os-release ID (lower case, e.g. debian, rhel)");
            }
        }
        String version = f.text("version", false, false);
        if (version != null && VersionConstraint.parse(version).isEmpty()) {
            yaml.error(
                    f.get("version"),
                    f.path("version"),
                    "'" + version + "' is not a version constraint (e.g. \">=12\", \"<9.2\")");
        }
        List<String> files = new ArrayList<>();
        for (String file : f.texts("files", true)) {
            files.add(variables.substitute(file, f.get("files"), f.path("files")));
        }
        Applicability.Requirement requirement = null;
        if (f.has("requirements")) {
            YamlFields.Fields r = yaml.mapping(f.get("requirements"), f.path("requirements"), FormatKeys.REQUIREMENTS);
            if (r != null) {
                String title = r.text("title", false, false);
                Condition condition = r.has("condition")
                        ? yaml.enumValue(Condition.class, r.get("condition"), r.path("condition"))
                        : Condition.ALL;
                List<Rule> requirementRules =
                        r.require("rules") ? rules.rules(r.get("rules"), r.path("rules")) : List.of();
                requirement = new Applicability.Requirement(title, condition, requirementRules);
            }
        }
        return new Applicability(families, distributions, version, f.texts("packages", true), files, requirement);
    }

    private Remediation remediation(Node node, String path) {
        YamlFields.Fields f = yaml.mapping(node, path, FormatKeys.REMEDIATION);
        if (f == null) {
            return null;
        }
        List<String> commands = new ArrayList<>();
        if (f.has("commands")) {
            List<Node> nodes = yaml.sequence(f.get("commands"), f.path("commands"), true);
            for (int i = 0; nodes != null && i < nodes.size(); i++) {
                String command = yaml.text(nodes.get(i), YamlFields.index(f.path("commands"), i), true);
                if (command != null) {
                    commands.add(command);
                }
            }
        }
        return new Remediation(f.text("text", false, true), commands);
    }

    private Map<String, List<String>> frameworks(Node node, String path) {
        YamlFields.Fields f = yaml.mapping(node, path, null);
        Map<String, List<String>> frameworks = new LinkedHashMap<>();
        if (f == null) {
            return frameworks;
        }
        for (String framework : f.present()) {
            if (!FRAMEWORK_ID.matcher(framework).matches()) {
                yaml.error(f.keyNode(framework), f.path(framework), "'" + framework + "' is not a valid framework id");
                continue;
            }
            List<String> controls = f.texts(framework, true);
            if (controls.isEmpty()) {
                yaml.error(f.get(framework), f.path(framework), "must list at least one control id");
                continue;
            }
            frameworks.put(framework, controls);
        }
        return frameworks;
    }
}

package io.tenantra.compliance.content.wazuh;

import io.tenantra.compliance.content.Applicability;
import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.Condition;
import io.tenantra.compliance.content.ContentException;
import io.tenantra.compliance.content.ContentProblem;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.content.PolicyOrigin;
import io.tenantra.compliance.content.Rule;
import io.tenantra.compliance.content.SourceLocation;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Imports a Wazuh SCA policy file, unchanged, as a {@link Policy} of origin
 * {@link PolicyOrigin#IMPORTED_WAZUH}. Reads both forms: 4.x ({@code title}, {@code compliance} as
 * a list of one-key maps, OS_Regex unless {@code regex_type: pcre2}) and 5.x ({@code name},
 * {@code compliance} as a map, {@code mitre}, PCRE2 caseless). A file is read as 5.x when it uses
 * any 5.x-only construct, otherwise as 4.x, because the two engines read the same rule text
 * differently and the author tested it against one of them (see {@link Dialect}).
 *
 * <p>Malformed YAML and missing required fields reject the file with every problem (file, line,
 * field). A rule that cannot run with Wazuh's meaning is reported as UNSUPPORTED with its line and
 * marks its check unsupported; the rest of the policy imports.
 */
public final class WazuhPolicyImporter {

    /** Larger than any public SCA policy (the biggest is under 2 MB). */
    private static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

    private static final Pattern REGISTRY_RULE = Pattern.compile("^\\s*(?:not\\s+|NOT\\s+)?r:");
    private static final int MAX_ID_LENGTH = 100;

    private WazuhPolicyImporter() {}

    public static Policy parse(String fileName, String yaml) {
        Problems problems = new Problems(fileName);
        Node root = compose(fileName, yaml);
        Map<String, Node> top = problems.fields(root, "");
        if (!problems.errors().isEmpty()) {
            throw new ContentException(problems.errors());
        }
        Node policyNode = top.get("policy");
        Map<String, Node> policy = policyNode == null ? Map.of() : problems.fields(policyNode, "policy");
        if (policyNode == null) {
            problems.error(root, "policy", "'policy' is required (id, name, description)");
        }
        String wazuhPolicyId = problems.required(policy, "id", policyNode == null ? root : policyNode, "policy");
        String title = problems.required(policy, "name", policyNode == null ? root : policyNode, "policy");
        String description = problems.optional(policy, "description", "policy");
        String policyId = wazuhPolicyId == null ? null : policyId(wazuhPolicyId);
        if (wazuhPolicyId != null && policyId.isEmpty()) {
            problems.error(policy.get("id"), "policy.id", "the policy id needs at least one letter or digit");
        }
        Node checksNode = top.get("checks");
        if (!(checksNode instanceof SequenceNode checks) || checks.getValue().isEmpty()) {
            problems.error(checksNode == null ? root : checksNode, "checks", "'checks' must be a non-empty list");
            throw new ContentException(problems.errors());
        }
        boolean fiveX = isFiveX(top, checks);
        Dialect dialect = fiveX ? Dialect.V5_PCRE2 : policyDialect(problems, policy);
        boolean windows = readsRegistry(top, checks);
        Variables variables = variables(problems, top.get("variables"));
        List<String> requirementUnsupported = new ArrayList<>();
        Applicability requirements =
                requirements(problems, top.get("requirements"), dialect, windows, variables, requirementUnsupported);
        if (!problems.errors().isEmpty() || policyId == null || policyId.isEmpty()) {
            throw new ContentException(problems.errors());
        }
        CheckReader reader = new CheckReader(problems, policyId, variables, windows);
        List<Check> imported = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < checks.getValue().size(); i++) {
            Node node = checks.getValue().get(i);
            Check check = reader.read(node, "checks[" + i + "]", dialect, requirementUnsupported);
            if (check != null && !ids.add(check.id())) {
                problems.error(node, "checks[" + i + "].id", "the check id '" + check.id() + "' is repeated");
            }
            if (check != null) {
                imported.add(check);
            }
        }
        if (!problems.errors().isEmpty()) {
            throw new ContentException(problems.errors());
        }
        return new Policy(
                policyId,
                version(yaml),
                title,
                description,
                PolicyOrigin.IMPORTED_WAZUH,
                requirements,
                variables.values(),
                imported,
                problems.unsupported());
    }

    private static Node compose(String fileName, String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(20);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(40);
        try {
            Node root = new Yaml(
                            new SafeConstructor(options),
                            new Representer(new DumperOptions()),
                            new DumperOptions(),
                            options)
                    .compose(new StringReader(yaml == null ? "" : yaml));
            if (root == null) {
                throw new ContentException(List.of(new ContentProblem(
                        ContentProblem.Kind.ERROR, new SourceLocation(fileName, 0, ""), "the file is empty")));
            }
            return root;
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new ContentException(List.of(new ContentProblem(
                    ContentProblem.Kind.ERROR,
                    new SourceLocation(fileName, line, ""),
                    "not valid YAML: " + e.getProblem())));
        } catch (YAMLException e) {
            throw new ContentException(List.of(new ContentProblem(
                    ContentProblem.Kind.ERROR,
                    new SourceLocation(fileName, 0, ""),
                    "not valid YAML: " + e.getMessage())));
        }
    }

    /** 5.x-only constructs: {@code name} in checks or requirements, {@code compliance} as a map, {@code mitre}. */
    private static boolean isFiveX(Map<String, Node> top, SequenceNode checks) {
        if (top.get("requirements") instanceof MappingNode requirements && has(requirements, "name")) {
            return true;
        }
        for (Node check : checks.getValue()) {
            if (check instanceof MappingNode mapping
                    && (has(mapping, "name")
                            || has(mapping, "mitre")
                            || valueOf(mapping, "compliance") instanceof MappingNode)) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(MappingNode mapping, String key) {
        return valueOf(mapping, key) != null;
    }

    private static Node valueOf(MappingNode mapping, String key) {
        return mapping.getValue().stream()
                .filter(t -> key.equals(Problems.text(t.getKeyNode())))
                .map(t -> t.getValueNode())
                .findFirst()
                .orElse(null);
    }

    private static Dialect policyDialect(Problems problems, Map<String, Node> policy) {
        String regexType = problems.optional(policy, "regex_type", "policy");
        return regexType != null && regexType.strip().equalsIgnoreCase("pcre2")
                ? Dialect.V4_PCRE2
                : Dialect.V4_OS_REGEX;
    }

    /** A policy that reads the registry targets Windows, where commands are Windows command lines. */
    private static boolean readsRegistry(Map<String, Node> top, SequenceNode checks) {
        List<Node> ruleLists = new ArrayList<>();
        if (top.get("requirements") instanceof MappingNode requirements) {
            ruleLists.add(valueOf(requirements, "rules"));
        }
        for (Node check : checks.getValue()) {
            if (check instanceof MappingNode mapping) {
                ruleLists.add(valueOf(mapping, "rules"));
            }
        }
        return ruleLists.stream()
                .filter(SequenceNode.class::isInstance)
                .flatMap(list -> ((SequenceNode) list).getValue().stream())
                .map(Problems::text)
                .anyMatch(text -> text != null && REGISTRY_RULE.matcher(text).find());
    }

    private static Variables variables(Problems problems, Node node) {
        Map<String, String> values = new LinkedHashMap<>();
        if (node == null || Problems.isNull(node)) {
            return new Variables(values);
        }
        for (Map.Entry<String, Node> entry : problems.fields(node, "variables").entrySet()) {
            String field = "variables." + entry.getKey();
            if (!entry.getKey().matches("\\$[A-Za-z0-9_]+")) {
                problems.error(entry.getValue(), field, "a variable name starts with '$' (letters, digits, '_')");
            }
            String value = Problems.text(entry.getValue());
            if (value == null) {
                problems.error(entry.getValue(), field, "a variable's value must be text");
            } else {
                values.put(entry.getKey(), value);
            }
        }
        return new Variables(values);
    }

    private static Applicability requirements(
            Problems problems,
            Node node,
            Dialect dialect,
            boolean windows,
            Variables variables,
            List<String> unsupported) {
        if (node == null || Problems.isNull(node)) {
            return Applicability.ANY;
        }
        Map<String, Node> fields = problems.fields(node, "requirements");
        String title = fields.containsKey("name")
                ? problems.optional(fields, "name", "requirements")
                : problems.optional(fields, "title", "requirements");
        Condition condition = condition(problems, fields, node, "requirements");
        Node rulesNode = fields.get("rules");
        if (!(rulesNode instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            problems.error(
                    rulesNode == null ? node : rulesNode, "requirements.rules", "'rules' must be a non-empty list");
            return Applicability.ANY;
        }
        RuleTranslator translator = new RuleTranslator(dialect, windows);
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            Node ruleNode = sequence.getValue().get(i);
            String field = "requirements.rules[" + i + "]";
            String text = Problems.text(ruleNode);
            if (text == null || text.isBlank()) {
                problems.error(ruleNode, field, "a rule must be non-empty text");
                continue;
            }
            try {
                rules.add(translator.translate(variables.substitute(text, dialect)));
            } catch (UnsupportedRule e) {
                int line = problems.at(ruleNode, field).line();
                // Without every requirement nobody can tell where the policy applies: no check runs.
                unsupported.add("line " + line + " " + field + ": the policy requirement '" + text + "' cannot run: "
                        + e.getMessage());
                problems.unsupported(ruleNode, field, "requirement '" + text + "': " + e.getMessage());
            }
        }
        return new Applicability(
                Set.of(), Set.of(), null, List.of(), List.of(), new Applicability.Requirement(title, condition, rules));
    }

    static Condition condition(Problems problems, Map<String, Node> fields, Node node, String field) {
        String text = problems.required(fields, "condition", node, field);
        if (text == null) {
            return Condition.ALL;
        }
        // 4.x also accepted the deprecated "all required" / "any required" as all / any.
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "all", "all required" -> Condition.ALL;
            case "any", "any required" -> Condition.ANY;
            case "none" -> Condition.NONE;
            default -> {
                problems.error(fields.get("condition"), field + ".condition", "'condition' is all, any or none");
                yield Condition.ALL;
            }
        };
    }

    /** Our policy id: the Wazuh id lowercased, other characters as '-', within our id rule. */
    static String policyId(String wazuhId) {
        String id = wazuhId.strip().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-");
        id = id.replaceAll("^[^a-z0-9]+", "");
        return id.length() > MAX_ID_LENGTH - 42 ? id.substring(0, MAX_ID_LENGTH - 42) : id;
    }

    /** {@code <policy id>-<check id>}, lowercased; the check id is at most 40 characters. */
    static String checkId(String policyId, String wazuhCheckId) {
        return policyId + "-" + wazuhCheckId.strip().toLowerCase(Locale.ROOT);
    }

    /** Wazuh policies carry no version: the file's digest stands for it, so any change is a new version. */
    private static String version(String yaml) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}

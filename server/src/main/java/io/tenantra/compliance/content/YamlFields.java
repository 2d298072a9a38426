package io.tenantra.compliance.content;

import io.tenantra.platform.text.TextRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reading of a composed YAML tree that never throws: every mismatch (wrong shape, unknown
 * or duplicate key, missing field, bad text) is recorded as a {@link ContentProblem} naming the
 * file, the line of the offending node and its field path, and the caller gets {@code null} so it
 * can carry on and report every other problem of the file in the same pass.
 */
final class YamlFields {

    /** The longest string content may hold, in code points (64 KiB). */
    static final int MAX_STRING = 64 * 1024;

    /** The longest mapping key (an attribute name, a framework or variable name), in code points. */
    static final int MAX_KEY = 256;

    private final String file;
    private final List<ContentProblem> problems = new ArrayList<>();

    YamlFields(String file) {
        this.file = file;
    }

    List<ContentProblem> problems() {
        return problems;
    }

    SourceLocation location(Node node, String path) {
        return new SourceLocation(file, node == null ? 0 : node.getStartMark().getLine() + 1, path);
    }

    void error(Node node, String path, String message) {
        problems.add(new ContentProblem(ContentProblem.Kind.ERROR, location(node, path), message));
    }

    void unsupported(Node node, String path, String message) {
        problems.add(new ContentProblem(ContentProblem.Kind.UNSUPPORTED, location(node, path), message));
    }

    /**
     * The keys of a mapping with their value nodes, in file order. Unknown keys, duplicate keys
     * and non-scalar keys are reported; the first occurrence of a duplicate wins so that later
     * problems still name sensible lines. Returns null (reported) when {@code node} is no mapping.
     */
    Fields mapping(Node node, String path, Set<String> knownKeys) {
        if (!(node instanceof MappingNode mapping)) {
            error(node, path, "must be a mapping (key: value lines)");
            return null;
        }
        Map<String, Node> values = new LinkedHashMap<>();
        Map<String, Node> keys = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                error(tuple.getKeyNode(), path, "keys must be plain text");
                continue;
            }
            String key = keyNode.getValue();
            String keyPath = join(path, key);
            if (values.containsKey(key)) {
                error(keyNode, keyPath, "duplicate key '" + key + "' (first at line " + line(keys.get(key)) + ")");
                continue;
            }
            if (knownKeys != null && !knownKeys.contains(key)) {
                error(keyNode, keyPath, "unknown key '" + key + "' (expected one of " + sorted(knownKeys) + ")");
                continue;
            }
            values.put(key, tuple.getValueNode());
            keys.put(key, keyNode);
        }
        return new Fields(this, node, path, values, keys);
    }

    /** The elements of a sequence; a single scalar is accepted as a one-element list when allowed. */
    List<Node> sequence(Node node, String path, boolean scalarAllowed) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        if (scalarAllowed && node instanceof ScalarNode) {
            return List.of(node);
        }
        error(node, path, "must be a list");
        return null;
    }

    /** A scalar as text; {@code multiline} allows line breaks and tabs (prose), otherwise one line. */
    String text(Node node, String path, boolean multiline) {
        if (!(node instanceof ScalarNode scalar)) {
            error(node, path, "must be text, not a " + shape(node));
            return null;
        }
        if (scalar.getTag().equals(Tag.NULL)) {
            error(node, path, "must not be empty");
            return null;
        }
        String value = scalar.getValue();
        if (TextRules.length(value) > MAX_STRING) {
            error(node, path, "is longer than " + MAX_STRING + " characters");
            return null;
        }
        String violation =
                TextRules.violation(value, multiline ? TextRules.Mode.MULTILINE : TextRules.Mode.SINGLE_LINE);
        if (violation != null) {
            error(node, path, violation + (multiline ? "" : " (line breaks and tabs included)"));
            return null;
        }
        return TextRules.normalise(value);
    }

    /** A scalar that YAML resolves as an integer, within {@code [min, max]}. */
    Integer integer(Node node, String path, int min, int max) {
        String text = text(node, path, false);
        if (text == null) {
            return null;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                error(node, path, "must be between " + min + " and " + max + ", not " + value);
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            error(node, path, "must be a whole number, not '" + text + "'");
            return null;
        }
    }

    /** {@code true} or {@code false}. */
    Boolean bool(Node node, String path) {
        if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.BOOL)) {
            String value = scalar.getValue();
            if (value.equals("true") || value.equals("false")) {
                return Boolean.valueOf(value);
            }
        }
        error(node, path, "must be true or false");
        return null;
    }

    /**
     * A scalar as the value a test compares with: a number when written as one (unquoted), true or
     * false when written so, otherwise text. YAML 1.1's yes/no/on/off stay text on purpose: an
     * sshd setting written {@code equals: no} means the word "no".
     */
    Object scalarValue(Node node, String path) {
        String text = text(node, path, false);
        if (text == null) {
            return null;
        }
        Tag tag = node.getTag();
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            Number number = Numbers.parse(text);
            if (number != null) {
                return number;
            }
        }
        if (tag.equals(Tag.BOOL) && (text.equals("true") || text.equals("false"))) {
            return Boolean.valueOf(text);
        }
        return text;
    }

    /** Whether {@code regex} compiles as a Java pattern; reports the compiler's complaint if not. */
    boolean regex(String regex, Node node, String path) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            error(
                    node,
                    path,
                    "is not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            return false;
        }
    }

    <E extends Enum<E>> E enumValue(Class<E> type, Node node, String path) {
        String text = text(node, path, false);
        if (text == null) {
            return null;
        }
        for (E value : type.getEnumConstants()) {
            if (FormatKeys.key(value).equals(text)) {
                return value;
            }
        }
        List<String> allowed = java.util.Arrays.stream(type.getEnumConstants())
                .map(FormatKeys::key)
                .toList();
        error(node, path, "must be one of " + String.join(", ", allowed) + ", not '" + text + "'");
        return null;
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    private static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    private static String sorted(Set<String> keys) {
        return String.join(", ", new java.util.TreeSet<>(keys));
    }

    static String shape(Node node) {
        if (node instanceof MappingNode) {
            return "mapping";
        }
        if (node instanceof SequenceNode) {
            return "list";
        }
        return "value";
    }

    /** The fields of one mapping, read by name with their paths. */
    static final class Fields {
        private final YamlFields yaml;
        private final Node node;
        private final String path;
        private final Map<String, Node> values;
        private final Map<String, Node> keys;

        Fields(YamlFields yaml, Node node, String path, Map<String, Node> values, Map<String, Node> keys) {
            this.yaml = yaml;
            this.node = node;
            this.path = path;
            this.values = values;
            this.keys = keys;
        }

        Node node() {
            return node;
        }

        String path() {
            return path;
        }

        String path(String key) {
            return join(path, key);
        }

        boolean has(String key) {
            return values.containsKey(key);
        }

        Node get(String key) {
            return values.get(key);
        }

        /** The key's own node (its line), or the mapping's when absent. */
        Node keyNode(String key) {
            return keys.getOrDefault(key, node);
        }

        Set<String> present() {
            return values.keySet();
        }

        /** Reports a missing required field at the mapping's line. */
        boolean require(String key) {
            if (!has(key)) {
                yaml.error(node, path(key), "is required");
                return false;
            }
            return true;
        }

        String text(String key, boolean required, boolean multiline) {
            if (!has(key)) {
                if (required) {
                    require(key);
                }
                return null;
            }
            return yaml.text(get(key), path(key), multiline);
        }

        List<String> texts(String key, boolean scalarAllowed) {
            if (!has(key)) {
                return List.of();
            }
            List<Node> nodes = yaml.sequence(get(key), path(key), scalarAllowed);
            if (nodes == null) {
                return List.of();
            }
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                String text = yaml.text(nodes.get(i), index(path(key), i), false);
                if (text != null) {
                    texts.add(text);
                }
            }
            return texts;
        }
    }
}

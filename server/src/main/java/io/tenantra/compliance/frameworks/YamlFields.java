package io.tenantra.compliance.frameworks;

import io.tenantra.compliance.content.ContentException;
import io.tenantra.compliance.content.ContentProblem;
import io.tenantra.compliance.content.SourceLocation;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the framework and mapping files through SnakeYAML's node tree, which keeps the line of
 * every value, and collects every problem (file, line, field) instead of stopping at the first:
 * an author fixing a file wants the whole list. Unknown and repeated keys are problems too, so a
 * misspelt {@code wieght:} never silently becomes the default.
 */
final class YamlFields {

    /** Large enough for every catalog we ship (NIST is about 60 kB), small enough to refuse junk. */
    static final int MAX_CODE_POINTS = 2 * 1024 * 1024;

    private final String fileName;
    private final List<ContentProblem> problems = new ArrayList<>();

    YamlFields(String fileName) {
        this.fileName = fileName == null || fileName.isBlank() ? "(unnamed)" : fileName;
    }

    /** The document's root mapping, or null after recording why there is none. */
    MappingNode root(String yaml) {
        if (yaml == null || yaml.isBlank()) {
            error(null, "", "the file is empty");
            return null;
        }
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        // Anchors and aliases have no use in these files; refusing them closes the billion-laughs door.
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        Node node;
        try {
            node = new Yaml(options).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            problems.add(problem(line, "", "not valid YAML: " + e.getProblem()));
            return null;
        } catch (YAMLException e) {
            error(null, "", "not valid YAML: " + e.getMessage());
            return null;
        }
        if (node instanceof MappingNode mapping) {
            return mapping;
        }
        error(node, "", "the file must be a mapping with the keys format, ...");
        return null;
    }

    /**
     * The mapping's values by key, in file order; records repeated keys, keys outside {@code
     * known} and non-scalar keys.
     */
    Map<String, Node> fields(MappingNode mapping, String path, Set<String> known) {
        Map<String, Node> values = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode keyNode)) {
                error(tuple.getKeyNode(), path, "keys must be plain words");
                continue;
            }
            String key = keyNode.getValue();
            String field = join(path, key);
            if (!seen.add(key)) {
                error(keyNode, field, "appears twice");
            } else if (!known.contains(key)) {
                error(keyNode, field, "unknown key (expected one of " + String.join(", ", known) + ")");
            } else {
                values.put(key, tuple.getValueNode());
            }
        }
        return values;
    }

    /** A required mapping value, or null after recording the problem. */
    MappingNode mapping(Node node, Node parent, String field) {
        if (node == null) {
            error(parent, field, "is required");
            return null;
        }
        if (node instanceof MappingNode mapping) {
            return mapping;
        }
        error(node, field, "must be a mapping");
        return null;
    }

    /** A required list value, or null after recording the problem. */
    SequenceNode sequence(Node node, Node parent, String field) {
        if (node == null) {
            error(parent, field, "is required");
            return null;
        }
        if (node instanceof SequenceNode sequence) {
            return sequence;
        }
        error(node, field, "must be a list");
        return null;
    }

    /** A text value; null when absent and optional, or after recording the problem. */
    String text(Node node, Node parent, String field, boolean required, int maxCodePoints) {
        if (node == null || isNull(node)) {
            if (required) {
                error(node == null ? parent : node, field, "is required");
            }
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            error(node, field, "must be a single value, not a list or mapping");
            return null;
        }
        String value = scalar.getValue().strip();
        if (value.isEmpty()) {
            if (required) {
                error(node, field, "must not be empty");
            }
            return null;
        }
        if (value.codePointCount(0, value.length()) > maxCodePoints) {
            error(node, field, "is longer than " + maxCodePoints + " characters");
            return null;
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c))) {
            error(node, field, "must not contain control characters");
            return null;
        }
        return value;
    }

    /** A positive, finite number up to {@code max}; {@code fallback} when absent. */
    double positiveNumber(Node node, String field, double fallback, double max) {
        if (node == null || isNull(node)) {
            return fallback;
        }
        if (!(node instanceof ScalarNode scalar)
                || !(node.getTag().equals(Tag.INT) || node.getTag().equals(Tag.FLOAT))) {
            error(node, field, "must be a number");
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(scalar.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            error(node, field, "must be a number");
            return fallback;
        }
        if (!(value > 0) || value > max || Double.isInfinite(value)) {
            error(node, field, "must be greater than 0 and at most " + (long) max);
            return fallback;
        }
        return value;
    }

    /** A boolean; {@code fallback} when absent. */
    boolean bool(Node node, String field, boolean fallback) {
        if (node == null || isNull(node)) {
            return fallback;
        }
        if (node instanceof ScalarNode scalar && node.getTag().equals(Tag.BOOL)) {
            return Boolean.parseBoolean(scalar.getValue().toLowerCase(java.util.Locale.ROOT))
                    || scalar.getValue().equalsIgnoreCase("yes")
                    || scalar.getValue().equalsIgnoreCase("on");
        }
        error(node, field, "must be true or false");
        return fallback;
    }

    void error(Node node, String field, String message) {
        problems.add(problem(node == null ? 0 : node.getStartMark().getLine() + 1, field, message));
    }

    /** Throws the collected problems, if any. */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ContentException(problems);
        }
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static boolean isNull(Node node) {
        return node.getTag().equals(Tag.NULL);
    }

    private ContentProblem problem(int line, String field, String message) {
        return new ContentProblem(ContentProblem.Kind.ERROR, new SourceLocation(fileName, line, field), message);
    }
}

package io.tenantra.compliance.content.wazuh;

import io.tenantra.compliance.content.ContentProblem;
import io.tenantra.compliance.content.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What one import found wrong, each with file, line and field, and small readers over YAML nodes
 * that report instead of throwing, so that one pass names every problem of a file at once.
 */
final class Problems {

    private final String file;
    private final List<ContentProblem> errors = new ArrayList<>();
    private final List<ContentProblem> unsupported = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    SourceLocation at(Node node, String field) {
        return new SourceLocation(file, node == null ? 0 : node.getStartMark().getLine() + 1, field);
    }

    void error(Node node, String field, String message) {
        errors.add(new ContentProblem(ContentProblem.Kind.ERROR, at(node, field), message));
    }

    void unsupported(Node node, String field, String message) {
        unsupported.add(new ContentProblem(ContentProblem.Kind.UNSUPPORTED, at(node, field), message));
    }

    List<ContentProblem> errors() {
        return errors;
    }

    List<ContentProblem> unsupported() {
        return unsupported;
    }

    /** The keys of a mapping in file order; a repeated key is an error (YAML leaves it undefined). */
    Map<String, Node> fields(Node node, String field) {
        Map<String, Node> fields = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            error(node, field, "must be a mapping of keys to values");
            return fields;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = text(tuple.getKeyNode());
            if (key == null) {
                error(tuple.getKeyNode(), field, "keys must be plain text");
            } else if (fields.putIfAbsent(key, tuple.getValueNode()) != null) {
                error(tuple.getKeyNode(), path(field, key), "the key '" + key + "' is repeated");
            }
        }
        return fields;
    }

    /** The text of a scalar exactly as written (no number or date conversion), else null. */
    static String text(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    /** A required scalar: reported when missing, empty or not a scalar. */
    String required(Map<String, Node> fields, String key, Node parent, String field) {
        Node node = fields.get(key);
        String value = text(node);
        if (value == null || value.isBlank()) {
            error(node == null ? parent : node, path(field, key), "'" + key + "' is required and must be text");
            return null;
        }
        return value;
    }

    /** An optional scalar: null when missing; reported when present but not a scalar. */
    String optional(Map<String, Node> fields, String key, String field) {
        Node node = fields.get(key);
        if (node == null || isNull(node)) {
            return null;
        }
        String value = text(node);
        if (value == null) {
            error(node, path(field, key), "'" + key + "' must be text");
        }
        return value;
    }

    /** A list of scalars, or one scalar read as a one-item list. */
    List<String> strings(Node node, String field) {
        List<String> values = new ArrayList<>();
        if (node == null || isNull(node)) {
            return values;
        }
        if (node instanceof ScalarNode scalar) {
            values.add(scalar.getValue());
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                Node item = sequence.getValue().get(i);
                String value = text(item);
                if (value == null) {
                    error(item, field + "[" + i + "]", "must be text");
                } else {
                    values.add(value);
                }
            }
        } else {
            error(node, field, "must be a list of text values");
        }
        return values;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().getValue().endsWith(":null");
    }

    static String path(String field, String key) {
        return field.isEmpty() ? key : field + "." + key;
    }
}

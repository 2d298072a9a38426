package io.tenantra.compliance.frameworks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and writes a framework catalog in {@code tenantra/framework@1} (see docs/compliance.md):
 * the framework's id, version, title and publisher, and its controls in document order. Parsing
 * reports every problem at once, each with file, line and field, and rejects the whole file on
 * any of them (a catalog half-read would score against the wrong controls).
 */
public final class FrameworkFormat {

    public static final String FORMAT = "tenantra/framework@1";

    /** Framework ids are the keys checks map by; the same shape as policy and check ids. */
    static final Pattern FRAMEWORK_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    /**
     * Control ids are written as their publishers write them ({@code AC-6(2)}, {@code A.8.5},
     * {@code 164.312(a)(2)(iv)}, {@code 8.3.6}): printable, no spaces, at most 100 characters.
     */
    static final Pattern CONTROL_ID = Pattern.compile("[A-Za-z0-9][\\x21-\\x7E]{0,99}");

    static final int MAX_TITLE = 300;
    static final int MAX_FAMILY = 200;
    static final double MAX_WEIGHT = 1000;

    private static final Set<String> TOP_KEYS = orderedSet("format", "framework", "controls");
    private static final Set<String> FRAMEWORK_KEYS = orderedSet("id", "version", "title", "publisher");
    private static final Set<String> CONTROL_KEYS = orderedSet("id", "title", "family", "weight", "manual");

    private FrameworkFormat() {}

    /**
     * The framework in {@code yaml}.
     *
     * @throws io.tenantra.compliance.content.ContentException listing every problem found
     */
    public static Framework parse(String fileName, String yaml) {
        YamlFields reader = new YamlFields(fileName);
        MappingNode root = reader.root(yaml);
        if (root == null) {
            reader.throwIfAny();
        }
        Map<String, Node> top = reader.fields(root, "", TOP_KEYS);
        String format = reader.text(top.get("format"), root, "format", true, 100);
        if (format != null && !FORMAT.equals(format)) {
            reader.error(top.get("format"), "format", "must be " + FORMAT);
        }
        String id = null;
        String version = null;
        String title = null;
        String publisher = null;
        MappingNode header = reader.mapping(top.get("framework"), root, "framework");
        if (header != null) {
            Map<String, Node> fields = reader.fields(header, "framework", FRAMEWORK_KEYS);
            id = reader.text(fields.get("id"), header, "framework.id", true, 100);
            if (id != null && !FRAMEWORK_ID.matcher(id).matches()) {
                reader.error(fields.get("id"), "framework.id", "must match " + FRAMEWORK_ID.pattern());
            }
            version = reader.text(fields.get("version"), header, "framework.version", true, 50);
            title = reader.text(fields.get("title"), header, "framework.title", true, MAX_TITLE);
            publisher = reader.text(fields.get("publisher"), header, "framework.publisher", false, 100);
        }
        List<Control> controls = controls(reader, top.get("controls"), root);
        reader.throwIfAny();
        return new Framework(id, version, title, publisher == null ? "" : publisher, controls);
    }

    private static List<Control> controls(YamlFields reader, Node node, Node root) {
        List<Control> controls = new ArrayList<>();
        SequenceNode list = reader.sequence(node, root, "controls");
        if (list == null) {
            return controls;
        }
        if (list.getValue().isEmpty()) {
            reader.error(list, "controls", "must list at least one control");
        }
        Map<String, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            String path = "controls[" + i + "]";
            MappingNode item = reader.mapping(list.getValue().get(i), list, path);
            if (item == null) {
                continue;
            }
            Map<String, Node> fields = reader.fields(item, path, CONTROL_KEYS);
            String id = reader.text(fields.get("id"), item, path + ".id", true, 100);
            if (id != null && !CONTROL_ID.matcher(id).matches()) {
                reader.error(fields.get("id"), path + ".id", "must be printable text without spaces");
                id = null;
            }
            if (id != null) {
                Integer earlier = firstIndex.putIfAbsent(id, i);
                if (earlier != null) {
                    reader.error(
                            fields.get("id"),
                            path + ".id",
                            "duplicate control id " + id + " (also controls[" + earlier + "])");
                }
            }
            String title = reader.text(fields.get("title"), item, path + ".title", true, MAX_TITLE);
            String family = reader.text(fields.get("family"), item, path + ".family", false, MAX_FAMILY);
            double weight = reader.positiveNumber(fields.get("weight"), path + ".weight", 1, MAX_WEIGHT);
            boolean manual = reader.bool(fields.get("manual"), path + ".manual", false);
            if (id != null && title != null) {
                controls.add(new Control(id, title, family == null ? "" : family, weight, manual));
            }
        }
        return controls;
    }

    /** The framework as {@code tenantra/framework@1} text that {@link #parse} reads back equal. */
    public static String write(Framework framework) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("id", framework.id());
        header.put("version", framework.version());
        header.put("title", framework.title());
        if (framework.publisher() != null && !framework.publisher().isEmpty()) {
            header.put("publisher", framework.publisher());
        }
        List<Map<String, Object>> controls = new ArrayList<>();
        for (Control control : framework.controls()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", control.id());
            item.put("title", control.title());
            if (control.family() != null && !control.family().isEmpty()) {
                item.put("family", control.family());
            }
            if (control.weight() != 1) {
                item.put("weight", plainNumber(control.weight()));
            }
            if (control.manual()) {
                item.put("manual", true);
            }
            controls.add(item);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", FORMAT);
        document.put("framework", header);
        document.put("controls", controls);
        return dumper().dump(document);
    }

    /** Whole weights are written without a fraction ({@code 2}, not {@code 2.0}). */
    static Object plainNumber(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? (Object) (long) value : (Object) value;
    }

    static Yaml dumper() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        return new Yaml(options);
    }

    static Set<String> orderedSet(String... keys) {
        return java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(List.of(keys)));
    }
}

package io.tenantra.compliance.frameworks;

import io.tenantra.compliance.content.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads and writes {@code tenantra/mappings@1}: framework mappings kept apart from the checks
 * they talk about.
 *
 * <pre>
 * format: tenantra/mappings@1
 * mappings:
 *   - check: tn-linux-ssh-root-login
 *     policy: tenantra-linux-baseline   # optional: only this policy's check of that id
 *     framework: nist-800-53-r5
 *     controls: [AC-6(2), CM-6]
 * </pre>
 *
 * The framework need not have a catalog (a mapping to {@code soc2} is fine: coverage and scoring
 * then derive its controls from the mappings). Every problem is reported with file, line and field.
 */
public final class MappingFormat {

    public static final String FORMAT = "tenantra/mappings@1";

    /** The id shape of policies and checks in our format (Wazuh ids are numbers, which match too). */
    static final Pattern CONTENT_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private static final Set<String> TOP_KEYS = FrameworkFormat.orderedSet("format", "mappings");
    private static final Set<String> MAPPING_KEYS =
            FrameworkFormat.orderedSet("check", "policy", "framework", "controls");

    private MappingFormat() {}

    /**
     * The mappings in {@code yaml}, in file order; a control listed twice in one entry is kept
     * once.
     *
     * @throws io.tenantra.compliance.content.ContentException listing every problem found
     */
    public static List<FrameworkMapping> parse(String fileName, String yaml) {
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
        List<FrameworkMapping> mappings = new ArrayList<>();
        SequenceNode list = reader.sequence(top.get("mappings"), root, "mappings");
        if (list != null) {
            for (int i = 0; i < list.getValue().size(); i++) {
                FrameworkMapping mapping = entry(reader, list, i, fileName);
                if (mapping != null) {
                    mappings.add(mapping);
                }
            }
        }
        reader.throwIfAny();
        return mappings;
    }

    private static FrameworkMapping entry(YamlFields reader, SequenceNode list, int index, String fileName) {
        String path = "mappings[" + index + "]";
        MappingNode item = reader.mapping(list.getValue().get(index), list, path);
        if (item == null) {
            return null;
        }
        Map<String, Node> fields = reader.fields(item, path, MAPPING_KEYS);
        String check = id(reader, fields.get("check"), item, path + ".check", true, CONTENT_ID);
        String policy = id(reader, fields.get("policy"), item, path + ".policy", false, CONTENT_ID);
        String framework =
                id(reader, fields.get("framework"), item, path + ".framework", true, FrameworkFormat.FRAMEWORK_ID);
        Set<String> controls = new LinkedHashSet<>();
        SequenceNode controlList = reader.sequence(fields.get("controls"), item, path + ".controls");
        if (controlList != null) {
            if (controlList.getValue().isEmpty()) {
                reader.error(controlList, path + ".controls", "must list at least one control");
            }
            for (int c = 0; c < controlList.getValue().size(); c++) {
                String control = id(
                        reader,
                        controlList.getValue().get(c),
                        controlList,
                        path + ".controls[" + c + "]",
                        true,
                        FrameworkFormat.CONTROL_ID);
                if (control != null) {
                    controls.add(control);
                }
            }
        }
        if (check == null || framework == null || controls.isEmpty()) {
            return null;
        }
        int line = item.getStartMark().getLine() + 1;
        return new FrameworkMapping(
                policy, check, framework, List.copyOf(controls), new SourceLocation(fileName, line, path));
    }

    private static String id(YamlFields reader, Node node, Node parent, String field, boolean required, Pattern shape) {
        String value = reader.text(node, parent, field, required, 100);
        if (value != null && !shape.matcher(value).matches()) {
            reader.error(node, field, "must match " + shape.pattern());
            return null;
        }
        return value;
    }

    /** The mappings as {@code tenantra/mappings@1} text that {@link #parse} reads back (locations aside). */
    public static String write(List<FrameworkMapping> mappings) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (FrameworkMapping mapping : mappings) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("check", mapping.checkId());
            if (mapping.policyId() != null) {
                item.put("policy", mapping.policyId());
            }
            item.put("framework", mapping.frameworkId());
            item.put("controls", mapping.controlIds());
            items.add(item);
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("format", FORMAT);
        document.put("mappings", items);
        return FrameworkFormat.dumper().dump(document);
    }
}

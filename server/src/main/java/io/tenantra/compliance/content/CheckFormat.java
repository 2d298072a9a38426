package io.tenantra.compliance.content;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Our check format, {@code tenantra/checks@1} (docs/compliance.md): reads a file into a
 * {@link Policy} and writes any Policy back, including ones imported from Wazuh SCA content.
 * Reading is all-or-nothing: every problem in the file is collected (file, line, field path) and
 * thrown together in one {@link ContentException}, so an author fixes a file in one round and no
 * half-read policy is ever stored.
 */
public final class CheckFormat {

    /** The largest file accepted, in bytes of UTF-8 (4 MiB). */
    public static final int MAX_FILE_BYTES = 4 * 1024 * 1024;

    private CheckFormat() {}

    /**
     * The policy {@code yaml} describes.
     *
     * @param fileName how problems name the file (as the author knows it)
     * @throws ContentException with every problem when the file is not valid content
     */
    public static Policy parse(String fileName, String yaml, PolicyOrigin origin) {
        YamlFields fields = new YamlFields(fileName);
        if (yaml == null || yaml.isBlank()) {
            fields.error(null, "", "the file is empty");
            throw new ContentException(fields.problems());
        }
        long bytes = yaml.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_FILE_BYTES) {
            fields.error(null, "", "the file has " + bytes + " bytes; content files hold at most " + MAX_FILE_BYTES);
            throw new ContentException(fields.problems());
        }
        Node root;
        try {
            root = new Yaml(loaderOptions()).compose(new StringReader(yaml));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            String message = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new ContentException(List.of(new ContentProblem(
                    ContentProblem.Kind.ERROR, new SourceLocation(fileName, line, ""), "not valid YAML: " + message)));
        } catch (YAMLException e) {
            throw new ContentException(List.of(new ContentProblem(
                    ContentProblem.Kind.ERROR,
                    new SourceLocation(fileName, 0, ""),
                    "not valid YAML: " + e.getMessage())));
        }
        if (root == null) {
            fields.error(null, "", "the file is empty");
            throw new ContentException(fields.problems());
        }
        Policy policy = new PolicyReader(fields, origin).read(root);
        List<ContentProblem> problems = new ArrayList<>(fields.problems());
        problems.sort(Comparator.comparing((ContentProblem p) -> p.kind() != ContentProblem.Kind.ERROR)
                .thenComparingInt(p -> p.location().line()));
        if (policy == null || problems.stream().anyMatch(p -> p.kind() == ContentProblem.Kind.ERROR)) {
            throw new ContentException(problems);
        }
        return new Policy(
                policy.id(),
                policy.version(),
                policy.title(),
                policy.description(),
                origin,
                policy.requirements(),
                policy.variables(),
                policy.checks(),
                problems);
    }

    /** {@code policy} in {@code tenantra/checks@1}; {@link #parse} reads it back to an equal policy. */
    public static String write(Policy policy) {
        return PolicyWriter.write(policy);
    }

    static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        // The byte cap is checked first; the reader's own code-point cap must not be the tighter one.
        options.setCodePointLimit(MAX_FILE_BYTES + 1);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(40);
        options.setAllowDuplicateKeys(false);
        return options;
    }
}

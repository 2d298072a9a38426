package io.tenantra.compliance.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Test helpers: fixture files from the classpath, and policies compared without source locations. */
public final class ContentFixtures {

    private ContentFixtures() {}

    public static String read(String name) {
        try (InputStream in = ContentFixtures.class.getResourceAsStream("/compliance-fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Policy parse(String name) {
        return CheckFormat.parse(name, read(name), PolicyOrigin.BUILT_IN);
    }

    /**
     * {@code policy} without where its parts were written (file and line change when a policy is
     * written out and read back; nothing else may).
     */
    public static Policy withoutLocations(Policy policy) {
        List<Check> checks = policy.checks().stream()
                .map(c -> new Check(
                        c.id(),
                        c.version(),
                        c.title(),
                        c.description(),
                        c.rationale(),
                        c.severity(),
                        c.applicability(),
                        c.condition(),
                        c.rules(),
                        c.remediation(),
                        c.references(),
                        c.frameworks(),
                        c.unsupported(),
                        null))
                .toList();
        List<ContentProblem> problems = policy.problems().stream()
                .map(p -> new ContentProblem(p.kind(), null, p.message()))
                .toList();
        return new Policy(
                policy.id(),
                policy.version(),
                policy.title(),
                policy.description(),
                policy.origin(),
                policy.requirements(),
                policy.variables(),
                checks,
                problems);
    }
}

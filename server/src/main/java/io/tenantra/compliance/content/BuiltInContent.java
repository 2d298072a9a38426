package io.tenantra.compliance.content;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The checks shipped with the product: every {@code compliance/checks/**}{@code /*.yaml} on the
 * classpath, read once at startup with origin BUILT_IN. Invalid built-in content stops the server
 * with every problem listed (a release must never run half its checks), and policy ids and check
 * ids must be unique across all built-in files, since results and framework mappings name checks
 * by id alone.
 */
@Component
public class BuiltInContent {

    static final String LOCATION = "classpath*:compliance/checks/**/*.yaml";

    private static final Logger log = LoggerFactory.getLogger(BuiltInContent.class);

    private final List<Policy> policies;

    public BuiltInContent() {
        this(LOCATION);
    }

    BuiltInContent(String location) {
        this.policies = load(location);
        log.info(
                "Built-in compliance content: {} policies, {} checks",
                policies.size(),
                policies.stream().mapToInt(p -> p.checks().size()).sum());
    }

    /** The built-in policies, ordered by file. */
    public List<Policy> policies() {
        return policies;
    }

    private static List<Policy> load(String location) {
        Resource[] resources;
        try {
            resources = new PathMatchingResourcePatternResolver(BuiltInContent.class.getClassLoader())
                    .getResources(location);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list built-in compliance content at " + location, e);
        }
        List<Resource> files = new ArrayList<>(List.of(resources));
        files.sort(Comparator.comparing(BuiltInContent::url));
        List<Policy> policies = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<ContentProblem> problems = new ArrayList<>();
        for (Resource file : files) {
            try {
                policies.add(CheckFormat.parse(name(file), read(file), PolicyOrigin.BUILT_IN));
                names.add(name(file));
            } catch (ContentException e) {
                problems.addAll(e.problems());
            }
        }
        problems.addAll(duplicates(policies, names));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(
                    "built-in compliance content is invalid (" + problems.size()
                            + " problems):\n"
                            + problems.stream().map(ContentProblem::toString).collect(Collectors.joining("\n")),
                    new ContentException(problems));
        }
        return List.copyOf(policies);
    }

    /** Policy ids and check ids used twice across the built-in files. */
    private static List<ContentProblem> duplicates(List<Policy> policies, List<String> names) {
        List<ContentProblem> problems = new ArrayList<>();
        Map<String, String> policyFiles = new HashMap<>();
        Map<String, SourceLocation> checks = new HashMap<>();
        for (int i = 0; i < policies.size(); i++) {
            Policy policy = policies.get(i);
            String file = names.get(i);
            String first = policyFiles.putIfAbsent(policy.id(), file);
            if (first != null) {
                problems.add(new ContentProblem(
                        ContentProblem.Kind.ERROR,
                        new SourceLocation(file, 0, "policy.id"),
                        "policy id '" + policy.id() + "' is also used by " + first));
            }
            for (Check check : policy.checks()) {
                SourceLocation earlier = checks.putIfAbsent(check.id(), check.location());
                if (earlier != null) {
                    problems.add(new ContentProblem(
                            ContentProblem.Kind.ERROR,
                            check.location(),
                            "check id '" + check.id() + "' is also used at " + earlier));
                }
            }
        }
        return problems;
    }

    /** The path below {@code compliance/checks/}, as authors name the file. */
    private static String name(Resource resource) {
        try {
            String url = resource.getURL().toString();
            int at = url.lastIndexOf("compliance/checks/");
            return at >= 0 ? url.substring(at) : String.valueOf(resource.getFilename());
        } catch (IOException e) {
            return String.valueOf(resource.getFilename());
        }
    }

    private static String url(Resource resource) {
        try {
            return resource.getURL().toString();
        } catch (IOException e) {
            return String.valueOf(resource.getFilename());
        }
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in compliance content " + name(resource), e);
        }
    }
}

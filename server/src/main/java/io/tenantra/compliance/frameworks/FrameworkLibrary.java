package io.tenantra.compliance.frameworks;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.ContentException;
import io.tenantra.compliance.content.ContentProblem;
import io.tenantra.compliance.content.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The framework catalogs shipped with the product, read once at startup from the classpath
 * ({@value #LOCATION}). A built-in catalog that does not parse, or two files with the same
 * framework id, stop the server with every problem listed: scoring against a catalog we failed
 * to read would publish wrong numbers, which is worse than not starting.
 */
@Component
public class FrameworkLibrary {

    static final String LOCATION = "classpath*:compliance/frameworks/*.yaml";

    private static final Logger log = LoggerFactory.getLogger(FrameworkLibrary.class);

    private final Map<String, Framework> byId;

    public FrameworkLibrary() {
        this(LOCATION);
    }

    /** A library read from another location pattern (tests use this for broken catalogs). */
    FrameworkLibrary(String locationPattern) {
        this.byId = load(locationPattern);
        log.info("Framework catalogs loaded: {}", byId.keySet());
    }

    /** Every catalog, sorted by id. */
    public List<Framework> frameworks() {
        return List.copyOf(byId.values());
    }

    /** The catalog with this id. */
    public Optional<Framework> find(String frameworkId) {
        return Optional.ofNullable(byId.get(frameworkId));
    }

    /**
     * The catalog with this id, or else the framework derived from the checks' mappings to it
     * ({@link Frameworks#derived}); every framework id a check maps to can be scored.
     */
    public Framework resolve(String frameworkId, Collection<Check> checks) {
        return find(frameworkId).orElseGet(() -> Frameworks.derived(frameworkId, checks));
    }

    private static Map<String, Framework> load(String locationPattern) {
        Resource[] resources;
        try {
            resources = new PathMatchingResourcePatternResolver().getResources(locationPattern);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list framework catalogs at " + locationPattern, e);
        }
        List<ContentProblem> problems = new ArrayList<>();
        Map<String, Framework> frameworks = new LinkedHashMap<>();
        Map<String, String> fileOf = new LinkedHashMap<>();
        List<Resource> sorted = new ArrayList<>(List.of(resources));
        sorted.sort(Comparator.comparing(r -> String.valueOf(r.getFilename())));
        // Problems name the file as it sits on the classpath, which is where an author looks for it.
        String folder = locationPattern.replace("classpath*:", "").replaceFirst("[^/]*$", "");
        for (Resource resource : sorted) {
            String name = folder + resource.getFilename();
            try {
                Framework framework = FrameworkFormat.parse(name, read(resource));
                String earlier = fileOf.putIfAbsent(framework.id(), name);
                if (earlier != null) {
                    problems.add(new ContentProblem(
                            ContentProblem.Kind.ERROR,
                            new SourceLocation(name, 0, "framework.id"),
                            "framework id " + framework.id() + " is also defined in " + earlier));
                } else {
                    frameworks.put(framework.id(), framework);
                }
            } catch (ContentException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ContentException(problems);
        }
        Map<String, Framework> sortedById = new LinkedHashMap<>();
        frameworks.keySet().stream().sorted().forEach(id -> sortedById.put(id, frameworks.get(id)));
        return sortedById;
    }

    private static String read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}

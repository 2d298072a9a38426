package io.tenantra.agents;

import io.tenantra.identity.Permission;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Redacts secrets out of collected values (process command lines, environment-like settings,
 * risk reasons) for callers without {@link Permission#AGENTS_SENSITIVE_READ}. The rules are data
 * ({@code agents/redaction.yml}); the same patterns run in Java on shown values and in SQL on the
 * text that unprivileged searches and sorts look at, so a search cannot test for a hidden value.
 */
@Component
public class SensitiveValues {

    static final String RESOURCE = "agents/redaction.yml";

    /** One rule: group 1 of the pattern is kept, the rest of the match becomes the mask. */
    record Rule(String name, String pattern, Pattern compiled) {}

    private final String mask;
    private final List<Rule> rules;

    SensitiveValues() {
        Map<String, Object> document = load();
        this.mask = String.valueOf(document.get("mask"));
        List<Rule> loaded = new ArrayList<>();
        if (document.get("rules") instanceof List<?> list) {
            for (Object entry : list) {
                if (entry instanceof Map<?, ?> rule && rule.get("pattern") instanceof String pattern) {
                    loaded.add(new Rule(
                            String.valueOf(rule.get("name")),
                            pattern,
                            Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
                }
            }
        }
        if (loaded.isEmpty() || mask.isBlank()) {
            throw new IllegalStateException(RESOURCE + " defines no redaction rules or no mask");
        }
        this.rules = List.copyOf(loaded);
    }

    private static Map<String, Object> load() {
        try (InputStream in = SensitiveValues.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            Map<String, Object> document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return document == null ? Map.of() : document;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String mask() {
        return mask;
    }

    /** Whether a caller holding {@code held} sees values as collected. */
    public static boolean revealed(Set<Permission> held) {
        return held.contains(Permission.AGENTS_SENSITIVE_READ);
    }

    /** {@code value} with every rule applied; null stays null. */
    public String redact(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String result = value;
        String replacement = "$1" + java.util.regex.Matcher.quoteReplacement(mask);
        for (Rule rule : rules) {
            result = rule.compiled().matcher(result).replaceAll(replacement);
        }
        return result;
    }

    /** The attributes with every string value (also inside lists and maps) redacted. */
    public Map<String, Object> redactAll(Map<?, ?> attributes) {
        Map<String, Object> result = new LinkedHashMap<>();
        attributes.forEach((k, v) -> result.put(String.valueOf(k), redactValue(v)));
        return result;
    }

    private Object redactValue(Object value) {
        if (value instanceof String text) {
            return redact(text);
        }
        if (value instanceof Map<?, ?> map) {
            return redactAll(map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(this::redactValue).toList();
        }
        return value;
    }

    /**
     * An SQL expression for {@code expression} as an unprivileged caller sees it: one
     * {@code regexp_replace} per rule, case-insensitive and global; adds the bind values to {@code
     * params} in order.
     */
    String sql(String expression, List<Object> params) {
        String result = expression;
        for (Rule rule : rules) {
            result = "regexp_replace(" + result + ", ?, ?, 'gi')";
            params.add(rule.pattern());
            params.add("\\1" + mask);
        }
        return result;
    }
}

package io.tenantra.compliance.content.wazuh;

import io.tenantra.compliance.content.Check;
import io.tenantra.compliance.content.Policy;
import io.tenantra.compliance.content.ProbeRule;
import io.tenantra.compliance.content.Probes;
import io.tenantra.compliance.content.Rule;
import io.tenantra.model.ContentTest;
import io.tenantra.model.ContentTestKind;
import io.tenantra.model.ProbeKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** The test policies under {@code compliance/wazuh/} and builders for the rules they must yield. */
final class WazuhTestPolicies {

    private WazuhTestPolicies() {}

    static String text(String name) {
        try (InputStream in = WazuhTestPolicies.class.getResourceAsStream("/compliance/wazuh/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test policy " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Policy parse(String name) {
        return WazuhPolicyImporter.parse(name, text(name));
    }

    /** The 1-based line of the first line of {@code name} that contains {@code fragment}. */
    static int lineOf(String name, String fragment) {
        List<String> lines = text(name).lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(fragment)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException(fragment + " is not in " + name);
    }

    static Check check(Policy policy, String id) {
        return policy.checks().stream()
                .filter(c -> c.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + id));
    }

    static ProbeRule probeRule(Rule rule) {
        if (!(rule instanceof ProbeRule probeRule)) {
            throw new AssertionError("not a probe rule: " + rule);
        }
        return probeRule;
    }

    static ContentTest regex(String pattern) {
        return new ContentTest(false, ContentTestKind.REGEX, pattern, null, null);
    }

    static ContentTest notRegex(String pattern) {
        return new ContentTest(true, ContentTestKind.REGEX, pattern, null, null);
    }

    static ContentTest literal(String text) {
        return new ContentTest(false, ContentTestKind.LITERAL, text, null, null);
    }

    static ContentTest numeric(String pattern, String operator, String value) {
        return new ContentTest(false, ContentTestKind.NUMERIC, pattern, operator, value);
    }

    static ProbeRule file(boolean negated, String text, List<String> paths, ContentTest... tests) {
        return new ProbeRule(
                Probes.probe(ProbeKind.FILE, paths, null, null, Arrays.asList(tests), false, 0), negated, text);
    }

    static ProbeRule directory(boolean negated, String text, String dir, String names, ContentTest... tests) {
        return new ProbeRule(
                Probes.probe(ProbeKind.DIRECTORY, List.of(dir), names, null, Arrays.asList(tests), false, 0),
                negated,
                text);
    }

    static ProbeRule command(boolean negated, String text, String command, boolean shell, ContentTest... tests) {
        return new ProbeRule(
                Probes.probe(ProbeKind.COMMAND, List.of(command), null, null, Arrays.asList(tests), shell, 30),
                negated,
                text);
    }

    static ProbeRule process(boolean negated, String text, String name) {
        return new ProbeRule(
                Probes.probe(
                        ProbeKind.PROCESS,
                        List.of("^" + java.util.regex.Pattern.quote(name) + "$"),
                        null,
                        null,
                        List.of(),
                        false,
                        0),
                negated,
                text);
    }

    static ProbeRule registry(boolean negated, String text, String key, String value, ContentTest... tests) {
        return new ProbeRule(
                Probes.probe(ProbeKind.REGISTRY, List.of(key), null, value, Arrays.asList(tests), false, 0),
                negated,
                text);
    }
}

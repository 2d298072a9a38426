package io.tenantra.compliance.content;

import io.tenantra.model.ContentTest;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds probes with their content-derived id. Every parser (our format, Wazuh SCA) makes probes
 * here, so one definition written in two policies is one probe, run once per job, and a content
 * update that leaves a probe's definition unchanged can be judged again from the stored answer.
 */
public final class Probes {

    private Probes() {}

    public static Probe probe(
            ProbeKind kind,
            List<String> targets,
            String namePattern,
            String registryValue,
            List<ContentTest> tests,
            boolean shell,
            int timeoutSeconds) {
        String id = idOf(kind, targets, namePattern, registryValue, tests, shell, timeoutSeconds);
        return new Probe(id, kind, targets, namePattern, registryValue, tests, shell, timeoutSeconds);
    }

    /** {@code p} followed by 24 hex digits of the SHA-256 of the canonical definition. */
    static String idOf(
            ProbeKind kind,
            List<String> targets,
            String namePattern,
            String registryValue,
            List<ContentTest> tests,
            boolean shell,
            int timeoutSeconds) {
        StringBuilder canonical = new StringBuilder().append(kind.name());
        // Unit separators cannot occur in content (the text rules refuse control characters).
        field(canonical, String.join("\u001e", targets == null ? List.of() : targets));
        field(canonical, namePattern);
        field(canonical, registryValue);
        for (ContentTest test : tests == null ? List.<ContentTest>of() : tests) {
            field(canonical, (test.negated() ? "!" : "") + test.kind().name());
            field(canonical, test.pattern());
            field(canonical, test.operator());
            field(canonical, test.value());
        }
        field(canonical, Boolean.toString(shell));
        field(canonical, Integer.toString(timeoutSeconds));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return "p" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    private static void field(StringBuilder canonical, String value) {
        canonical.append('\u001f').append(value == null ? "\u0000" : value);
    }
}

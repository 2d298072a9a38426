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

    /** The time limit of a command probe that names none, in seconds. */
    public static final int DEFAULT_COMMAND_TIMEOUT = 30;

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

    /**
     * The probe that answers "does {@code path} exist", which a check's {@code applies.files}
     * needs; one definition, so the store puts it into jobs and the evaluator finds its answer.
     */
    public static Probe fileExists(String path) {
        // Asked for every check with required files on every asset judged: the id is a digest, so
        // each path's probe is made once.
        Probe known = FILE_EXISTS.get(path);
        if (known != null) {
            return known;
        }
        if (FILE_EXISTS.size() >= FILE_EXISTS_LIMIT) {
            FILE_EXISTS.clear();
        }
        Probe probe = probe(ProbeKind.FILE, List.of(path), null, null, List.of(), false, 0);
        FILE_EXISTS.put(path, probe);
        return probe;
    }

    private static final int FILE_EXISTS_LIMIT = 4096;

    private static final java.util.Map<String, Probe> FILE_EXISTS = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Every probe {@code check} needs answered: those of its rules, of its requirement rules and
     * of its required files, each once. The store sends these with a job.
     */
    public static List<Probe> of(Check check) {
        java.util.Map<String, Probe> probes = new java.util.LinkedHashMap<>();
        collect(check.applicability(), probes);
        for (Rule rule : check.rules()) {
            if (rule instanceof ProbeRule probeRule) {
                probes.putIfAbsent(probeRule.probe().id(), probeRule.probe());
            }
        }
        return List.copyOf(probes.values());
    }

    /** Every probe a policy needs answered: its requirements' and each check's, each once. */
    public static List<Probe> of(Policy policy) {
        java.util.Map<String, Probe> probes = new java.util.LinkedHashMap<>();
        collect(policy.requirements(), probes);
        for (Check check : policy.checks()) {
            for (Probe probe : of(check)) {
                probes.putIfAbsent(probe.id(), probe);
            }
        }
        return List.copyOf(probes.values());
    }

    private static void collect(Applicability applies, java.util.Map<String, Probe> probes) {
        if (applies == null) {
            return;
        }
        for (String file : applies.files()) {
            Probe probe = fileExists(file);
            probes.putIfAbsent(probe.id(), probe);
        }
        if (applies.requirement() != null) {
            for (Rule rule : applies.requirement().rules()) {
                if (rule instanceof ProbeRule probeRule) {
                    probes.putIfAbsent(probeRule.probe().id(), probeRule.probe());
                }
            }
        }
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

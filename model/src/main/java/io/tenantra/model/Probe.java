package io.tenantra.model;

import java.util.List;
import java.util.Objects;

/**
 * One question for the endpoint. {@code id} is derived from the definition by the server (a
 * digest of its canonical form), so the same probe in many checks runs once per job and a
 * content update that leaves a probe unchanged can be judged again from the stored answer.
 *
 * @param targets file or directory paths, a process name, a command line, or a registry key;
 *     several files mean "any of them" as in SCA content
 * @param namePattern {@link ProbeKind#DIRECTORY}: regex that file names must match (null: all)
 * @param registryValue {@link ProbeKind#REGISTRY}: the value name (null: the key itself)
 * @param tests content tests AND-ed over one line; empty: existence only
 * @param shell {@link ProbeKind#COMMAND}: run through {@code /bin/sh -c} (only when the check
 *     says so; otherwise the command line is split into words and run directly)
 * @param timeoutSeconds {@link ProbeKind#COMMAND}: the time limit (the agent caps it)
 */
public record Probe(
        String id,
        ProbeKind kind,
        List<String> targets,
        String namePattern,
        String registryValue,
        List<ContentTest> tests,
        boolean shell,
        int timeoutSeconds) {

    public Probe {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        targets = targets == null ? List.of() : List.copyOf(targets);
        tests = tests == null ? List.of() : List.copyOf(tests);
    }
}

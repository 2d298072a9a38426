package io.tenantra.agent.probes;

import io.tenantra.agent.modules.FileMeta;
import io.tenantra.agent.modules.HostAccounts;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * File, directory and file-metadata probes, read through {@link HostFiles} (so the same code reads
 * the host with root {@code /} and fixture trees in tests; files are cut at its size cap).
 *
 * <p>FILE: any of the targets. Found when one exists and, with tests, one of its lines satisfies
 * them all; the evidence is {@code path: line}. A target that exists but cannot be read, or was
 * cut at the size cap without a match, makes the answer ERROR unless another target matched,
 * because "not found" would be a guess. DIRECTORY: the regular files directly in the target
 * directory (not recursive), filtered by the name pattern, then as FILE; without tests, found
 * when a file name matches (or, without a pattern either, when the directory exists). At most
 * {@link #MAX_DIRECTORY_FILES} files are examined. FILE_STAT: one line per target,
 * {@code mode=0644 owner=root group=root uid=0 gid=0 kind=file} (links followed), tested as a
 * FILE line.
 */
final class FileProbes {

    static final int MAX_DIRECTORY_FILES = 1000;

    private final HostFiles files;
    private HostAccounts accounts;

    FileProbes(HostFiles files) {
        this.files = files;
    }

    ProbeResult file(Probe probe, LineTests tests, Deadline deadline) {
        return scanFiles(probe, probe.targets(), tests, deadline, "none of " + probe.targets() + " exists");
    }

    ProbeResult directory(Probe probe, LineTests tests, Deadline deadline) {
        Pattern names;
        try {
            names = probe.namePattern() == null ? null : Pattern.compile(probe.namePattern());
        } catch (PatternSyntaxException e) {
            return Answers.error(probe, "invalid name pattern: " + e.getDescription());
        }
        List<String> candidates = new ArrayList<>();
        boolean anyDirectory = false;
        String unreadable = null;
        for (String dir : probe.targets()) {
            HostFiles.Listing listing = files.list(dir);
            if (!listing.ok()) {
                if (listing.failedBadly()) {
                    unreadable = dir + ": " + listing.problem().label();
                }
                continue;
            }
            anyDirectory = true;
            for (String name : listing.names()) {
                deadline.check();
                if (names == null || names.matcher(deadline.guard(name)).find()) {
                    String path = (dir.endsWith("/") ? dir : dir + "/") + name;
                    if (files.stat(path).map(FileMeta::isFile).orElse(false)) {
                        candidates.add(path);
                    }
                }
            }
        }
        if (!anyDirectory) {
            return unreadable != null
                    ? Answers.error(probe, unreadable)
                    : Answers.notFound(probe, "no directory " + probe.targets());
        }
        if (tests.isEmpty()) {
            if (names == null) {
                return Answers.found(probe, "directory exists");
            }
            return candidates.isEmpty()
                    ? Answers.notFound(probe, "no file name matches " + probe.namePattern())
                    : Answers.found(probe, candidates.get(0));
        }
        if (candidates.size() > MAX_DIRECTORY_FILES) {
            ProbeResult first =
                    scanFiles(probe, candidates.subList(0, MAX_DIRECTORY_FILES), tests, deadline, "no matching line");
            return first.outcome() == io.tenantra.model.ProbeOutcome.FOUND
                    ? first
                    : Answers.error(probe, "more than " + MAX_DIRECTORY_FILES + " files to examine");
        }
        return scanFiles(
                probe,
                candidates,
                tests,
                deadline,
                "no file with a matching line (" + candidates.size() + " examined)");
    }

    ProbeResult stat(Probe probe, LineTests tests, Deadline deadline) {
        boolean anyExists = false;
        for (String target : probe.targets()) {
            Optional<FileMeta> meta = files.stat(target);
            if (meta.isEmpty()) {
                continue;
            }
            anyExists = true;
            String line = describe(meta.get());
            if (tests.isEmpty() || tests.satisfiedBy(line, deadline)) {
                return Answers.found(probe, target + ": " + line);
            }
        }
        return Answers.notFound(probe, anyExists ? "no metadata matched" : "none of " + probe.targets() + " exists");
    }

    /** {@code mode=0644 owner=root group=root uid=0 gid=0 kind=file}, names from the host's own files. */
    String describe(FileMeta meta) {
        if (accounts == null) {
            accounts = HostAccounts.load(files);
        }
        return "mode=" + meta.modeString() + " owner=" + accounts.user(meta.uid()) + " group="
                + accounts.group(meta.gid()) + " uid=" + meta.uid() + " gid=" + meta.gid() + " kind="
                + meta.kind().label();
    }

    private ProbeResult scanFiles(Probe probe, List<String> paths, LineTests tests, Deadline deadline, String none) {
        String problem = null;
        boolean anyExists = false;
        for (String path : paths) {
            deadline.check();
            TextFile file = files.read(path);
            if (file.missing()) {
                continue;
            }
            if (!file.ok()) {
                problem = file.describeProblem();
                continue;
            }
            anyExists = true;
            if (tests.isEmpty()) {
                return Answers.found(probe, path);
            }
            for (String line : file.lines()) {
                if (tests.satisfiedBy(line, deadline)) {
                    return Answers.found(probe, path + ": " + line);
                }
            }
            if (file.truncated()) {
                problem = path + ": larger than " + files.maxFileBytes() + " bytes; only the start was read";
            }
        }
        if (problem != null) {
            return Answers.error(probe, problem);
        }
        return Answers.notFound(probe, anyExists ? "no line matched in " + paths : none);
    }
}

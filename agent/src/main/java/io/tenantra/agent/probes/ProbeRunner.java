package io.tenantra.agent.probes;

import io.tenantra.agent.modules.HostFiles;
import io.tenantra.model.OsFamily;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Answers probes on this host, one after another, within the agent's time budget for all probes
 * of a job: once it is spent, every remaining probe is answered ERROR "time budget spent". Every
 * probe gets exactly one answer, in order; nothing a probe does throws out of here. Only call
 * it with probes that {@link ProbeVerifier} accepted (or, in {@code scan --once --probes}, that
 * the person at the keyboard supplied).
 */
public final class ProbeRunner {

    static final String BUDGET_SPENT = "time budget spent";

    private final FileProbes files;
    private final ProcessProbe processes;
    private final CommandProbes commands;
    private final ProbeSettings settings;
    private final LongSupplier nanos;

    public ProbeRunner(HostFiles files, ProbeCommands commands, OsFamily os, ProbeSettings settings) {
        this(files, commands, os, settings, System::nanoTime);
    }

    ProbeRunner(HostFiles files, ProbeCommands commands, OsFamily os, ProbeSettings settings, LongSupplier nanos) {
        this.files = new FileProbes(files);
        this.processes = new ProcessProbe(files, os);
        this.commands = new CommandProbes(commands, settings, os);
        this.settings = settings;
        this.nanos = nanos;
    }

    /** One answer per probe, in order. */
    public List<ProbeResult> run(List<Probe> probes) {
        Deadline budget =
                new Deadline(nanos, nanos.getAsLong() + settings.timeBudget().toNanos());
        List<ProbeResult> answers = new ArrayList<>(probes.size());
        for (Probe probe : probes) {
            answers.add(budget.passed() ? Answers.error(probe, BUDGET_SPENT) : runOne(probe, budget));
        }
        return answers;
    }

    /** Every probe answered REFUSED with {@code reason}: what unverified content gets. */
    public static List<ProbeResult> refuseAll(List<Probe> probes, String reason) {
        return probes.stream().map(p -> Answers.refused(p, reason)).toList();
    }

    private ProbeResult runOne(Probe probe, Deadline budget) {
        LineTests tests;
        try {
            tests = LineTests.of(probe.tests());
        } catch (IllegalArgumentException e) {
            return Answers.error(probe, e.getMessage());
        }
        try {
            return switch (probe.kind()) {
                case FILE -> files.file(probe, tests, budget);
                case DIRECTORY -> files.directory(probe, tests, budget);
                case FILE_STAT -> files.stat(probe, tests, budget);
                case PROCESS -> processes.run(probe, tests, budget);
                case COMMAND -> commands.command(probe, tests, budget);
                case REGISTRY -> commands.registry(probe, tests, budget);
            };
        } catch (Deadline.Expired e) {
            return Answers.error(probe, BUDGET_SPENT);
        } catch (RuntimeException | StackOverflowError e) {
            // A deeply nested pattern can overflow the regex engine's recursion: an error, not a crash.
            return Answers.error(probe, "failed: " + e);
        }
    }
}

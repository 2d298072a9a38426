package io.tenantra.agent;

import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleJson;
import io.tenantra.agent.modules.ModuleRegistry;
import io.tenantra.agent.modules.ModuleRunner;
import io.tenantra.agent.modules.ScanEnvironment;
import io.tenantra.agent.modules.ScanModule;
import io.tenantra.agent.probes.ProbeCommands;
import io.tenantra.agent.probes.ProbeRunner;
import io.tenantra.agent.probes.ProbeSettings;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import io.tenantra.model.OsFamily;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeResult;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code tenantra-agent scan --once}: runs modules locally, without a server, and writes one JSON
 * document. Useful for support ("send us the output") and as the integration point for tests.
 */
@Command(
        name = "scan",
        // Wide enough that each module's one-line description stays on one line.
        usageHelpWidth = 130,
        optionListHeading = "%nOptions:%n",
        description = {
            "Runs scanning modules on this host once and writes the results as JSON (stdout unless --output).",
            "",
            "Modules:",
        },
        footerHeading = "%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every module finished ok, partial or not_applicable",
            "1:at least one module ended in error (or the output could not be written)",
            "2:invalid command line (for example an unknown module name)"
        })
final class ScanCommand implements Callable<Integer> {

    /** The scan document: what {@code scan --once} writes. */
    record ScanDocument(
            String agentVersion,
            String hostname,
            OsFamily os,
            Instant startedAt,
            List<ModuleResult> modules,
            List<ProbeResult> probeResults) {}

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--once", required = true, description = "Scan once and exit (the daemon mode is `run`).")
    boolean once;

    @Option(
            names = "--modules",
            split = ",",
            paramLabel = "NAME",
            description = "Comma-separated modules to run (default: all).")
    List<String> modules;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the JSON here instead of stdout.")
    Path output;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = {
                "Module setting, repeatable:",
                "  files.paths=/usr/bin,/etc   paths the files module hashes",
                "  files.timeBudgetSeconds=60  files module time budget",
                "  users.breachedHashes=FILE   local list of known-breached password hashes",
                "  probes.commands=false       refuse command probes (also probes.commandTimeoutSeconds,",
                "                              probes.timeBudgetSeconds)"
            })
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(
            names = "--probes",
            paramLabel = "FILE",
            description = {
                "Also answer the probes in FILE (a JSON array of probes in the wire format), after the modules.",
                "For content authors trying probes on a host: here, and only here, probes run unsigned."
            })
    Path probesFile;

    private final ModuleRegistry registry;

    ScanCommand(ModuleRegistry registry) {
        this.registry = registry;
    }

    /** Adds one line per module to the help text. */
    static void describeModules(CommandLine scan, ModuleRegistry registry) {
        List<String> lines = new java.util.ArrayList<>(
                List.of(scan.getCommandSpec().usageMessage().description()));
        for (ScanModule module : registry.all()) {
            lines.add(String.format(Locale.ROOT, "  %-12s %s", module.name(), module.description()));
        }
        scan.getCommandSpec().usageMessage().description(lines.toArray(String[]::new));
    }

    @Override
    public Integer call() {
        List<ScanModule> selected;
        try {
            selected = modules == null || modules.isEmpty() ? registry.all() : registry.select(modules);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ProbeSettings probeSettings;
        List<Probe> probes;
        try {
            probeSettings = ProbeSettings.from(settings);
            probes = probesFile == null ? List.of() : readProbes(probesFile);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ScanEnvironment environment = ScanEnvironment.host(settings);
        Instant startedAt = environment.clock().instant();
        List<ModuleResult> results = new ModuleRunner(environment).runAll(selected);
        List<ProbeResult> answers = probes.isEmpty()
                ? List.of()
                : new ProbeRunner(environment.files(), ProbeCommands.host(), environment.os(), probeSettings)
                        .run(probes);
        ScanDocument document = new ScanDocument(
                AgentMain.Version.buildVersion(),
                hostname(environment.files()),
                environment.os(),
                startedAt,
                results,
                answers);
        try {
            write(document);
        } catch (IOException | RuntimeException e) {
            spec.commandLine().getErr().println("cannot write the scan result: " + e.getMessage());
            return 1;
        }
        return results.stream().anyMatch(r -> r.status() == ModuleStatus.ERROR) ? 1 : 0;
    }

    /** Probes from a file the person at the keyboard wrote: strict, so a misspelt field is reported. */
    static List<Probe> readProbes(Path file) {
        JsonMapper strict = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES) // omitted shell/timeout: false/0
                .build();
        try {
            Probe[] read = strict.readValue(Files.readAllBytes(file), Probe[].class);
            if (read == null) {
                throw new IllegalArgumentException("--probes: " + file + " must hold a JSON array of probes");
            }
            return List.of(read);
        } catch (IOException e) {
            throw new IllegalArgumentException("--probes: cannot read " + file + ": " + e.getMessage());
        } catch (JacksonException | NullPointerException e) {
            throw new IllegalArgumentException("--probes: " + file + " is not a list of probes: " + e.getMessage());
        }
    }

    private void write(ScanDocument document) throws IOException {
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(ModuleJson.pretty().writeValueAsString(document));
            out.flush();
            return;
        }
        Path parent = output.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(parent, ".scan-", ".json");
        try (OutputStream stream = Files.newOutputStream(temp)) {
            ModuleJson.pretty().writeValue(stream, document);
        }
        // Atomic so that a reader never sees half a document.
        Files.move(
                temp,
                output,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String hostname(HostFiles files) {
        String name = files.read("/proc/sys/kernel/hostname", 1024).text().strip();
        if (!name.isEmpty()) {
            return name.toLowerCase(Locale.ROOT);
        }
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "unknown";
        }
    }
}

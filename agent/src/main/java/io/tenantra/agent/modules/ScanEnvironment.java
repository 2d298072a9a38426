package io.tenantra.agent.modules;

import io.tenantra.model.OsFamily;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What every module of one scan shares: where the host's files are, how commands run, which OS
 * family it is, the clock and the limits, and free-form settings ({@code files.paths},
 * {@code users.breachedHashes}, …) from the command line or, later, the server's agent config.
 */
public record ScanEnvironment(
        HostFiles files,
        CommandRunner commands,
        OsFamily os,
        Clock clock,
        ModuleLimits limits,
        Map<String, String> settings) {

    public ScanEnvironment {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    /** The real host: root {@code /}, real processes at low priority, the system clock. */
    public static ScanEnvironment host(Map<String, String> settings) {
        ModuleLimits limits = ModuleLimits.defaults();
        return new ScanEnvironment(
                new HostFiles(Path.of("/"), limits.maxFileBytes()),
                new ProcessCommandRunner(limits),
                OsFamily.current(),
                Clock.systemUTC(),
                limits,
                settings);
    }

    public Path root() {
        return files.root();
    }
}

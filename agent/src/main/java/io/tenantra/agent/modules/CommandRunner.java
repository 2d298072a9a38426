package io.tenantra.agent.modules;

import java.util.List;

/**
 * Runs an external program. Modules never start processes themselves: the real implementation
 * ({@link ProcessCommandRunner}) applies the timeout, output cap and low priority; tests use
 * recorded output.
 */
public interface CommandRunner {

    /**
     * Runs {@code argv} (program name first, looked up on a fixed system PATH) and returns its
     * result; never throws for a failed, missing or slow program.
     */
    CommandResult run(List<String> argv);

    default CommandResult run(String... argv) {
        return run(List.of(argv));
    }
}

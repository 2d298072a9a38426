package io.tenantra.agent.probes;

import io.tenantra.agent.modules.CommandRunner;
import io.tenantra.agent.modules.ProcessCommandRunner;
import java.time.Duration;

/**
 * Gives a {@link CommandRunner} with one probe's limits: its time limit and the output cap. The
 * real one starts processes through {@link ProcessCommandRunner} (fixed system PATH,
 * {@code LC_ALL=C}, stdin from {@code /dev/null}, low priority); tests answer from recordings.
 */
@FunctionalInterface
public interface ProbeCommands {

    CommandRunner within(Duration timeout, int maxOutputBytes);

    /** Real processes on this host. */
    static ProbeCommands host() {
        return (timeout, maxOutputBytes) -> new ProcessCommandRunner(timeout, maxOutputBytes, true);
    }
}

package io.tenantra.agent.modules;

import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import java.time.Duration;
import java.util.Set;

/**
 * One scanning module: a named collector that reads the host through its {@link ModuleContext}
 * and returns the standard {@link ModuleResult}. Implementations add items, risks and notes to
 * {@link ModuleContext#result()} as they go (so that a run cut short at its deadline still reports
 * what it had) and end with {@code return ctx.result().build(this)}.
 *
 * <p>Modules must read files only through {@link ModuleContext#files()} and run programs only
 * through {@link ModuleContext#commands()}: that is what lets tests point them at a fixture tree and
 * recorded command output.
 */
public interface ScanModule {

    /** Stable lower-case name, used on the command line and on the wire. */
    String name();

    /** Version of the module's output format; bump when items or attributes change meaning. */
    String version();

    /** One line for {@code --help}. */
    String description();

    /** OS families the module can collect on; elsewhere the runner answers not_applicable. */
    Set<OsFamily> supportedOs();

    /** Hard deadline; the runner cancels the module when it passes. */
    Duration timeLimit();

    /** Largest serialised output the runner keeps; items beyond it are dropped in sorted order. */
    default long maxOutputBytes() {
        return 4L * 1024 * 1024;
    }

    ModuleResult collect(ModuleContext ctx) throws Exception;
}

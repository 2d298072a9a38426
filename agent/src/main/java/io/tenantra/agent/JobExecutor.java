package io.tenantra.agent;

import io.tenantra.model.ModuleResult;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs the modules of one job. The daemon knows nothing else about scanning: the module runner
 * (the scanning modules) plugs in behind this interface.
 */
public interface JobExecutor {

    /**
     * One result per requested module, in the requested order, never throwing for a module that
     * fails: a failure is a result with status {@code error}.
     *
     * @param moduleTimeout the longest each single module may run
     * @param log receives execution log lines for the job's result
     */
    List<ModuleResult> execute(List<String> modules, Duration moduleTimeout, Consumer<String> log);
}

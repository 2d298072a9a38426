package io.tenantra.agent;

import io.tenantra.model.ModuleExecution;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Runs modules one after another, each on its own daemon thread with a time limit: a module that
 * overruns is interrupted and reported as an {@code error} with {@code timedOut}, a module that
 * throws as an {@code error} with the exception's message, an unknown module as an {@code error}
 * "unknown module". The job always gets one result per module.
 */
final class TimeLimitedJobExecutor implements JobExecutor {

    static final String UNKNOWN = "unknown module";

    private final ModuleRunner runner;
    private final Clock clock;

    TimeLimitedJobExecutor(ModuleRunner runner, Clock clock) {
        this.runner = runner;
        this.clock = clock;
    }

    /** The runner of this build: no scanning modules yet, so every module is unknown. */
    static ModuleRunner noModules() {
        return module -> null;
    }

    @Override
    public List<ModuleResult> execute(List<String> modules, Duration moduleTimeout, Consumer<String> log) {
        List<ModuleResult> results = new ArrayList<>(modules.size());
        for (String module : modules) {
            results.add(runOne(module, moduleTimeout, log));
        }
        return results;
    }

    private ModuleResult runOne(String module, Duration timeout, Consumer<String> log) {
        Instant started = clock.instant();
        log.accept("module " + module + " started");
        ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "module-" + module);
            t.setDaemon(true);
            return t;
        });
        try {
            Future<ModuleResult> future = thread.submit(() -> runner.run(module));
            ModuleResult result = future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (result == null) {
                log.accept("module " + module + ": " + UNKNOWN);
                return failed(module, started, false, UNKNOWN);
            }
            log.accept(
                    "module " + module + " finished: " + result.status().name().toLowerCase(java.util.Locale.ROOT));
            return result;
        } catch (TimeoutException e) {
            log.accept("module " + module + " timed out after " + timeout.toSeconds() + " s");
            return failed(module, started, true, "timed out after " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            log.accept("module " + module + " failed: " + cause);
            return failed(module, started, false, "failed: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(module, started, false, "interrupted: the agent is shutting down");
        } finally {
            thread.shutdownNow();
        }
    }

    private ModuleResult failed(String module, Instant started, boolean timedOut, String message) {
        long millis = Duration.between(started, clock.instant()).toMillis();
        return new ModuleResult(
                module,
                null,
                ModuleStatus.ERROR,
                List.of(),
                List.of(),
                List.of(message),
                new ModuleExecution(started, millis, timedOut, false, List.of()));
    }
}

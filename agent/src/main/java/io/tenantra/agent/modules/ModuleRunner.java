package io.tenantra.agent.modules;

import io.tenantra.model.ModuleExecution;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs modules one after another, each on its own low-priority thread with a hard deadline, and
 * turns whatever happens into a result: a module that throws becomes status error with the
 * reason, one that overruns is cancelled and reports what it had collected (partial, or error if
 * nothing) with {@code timedOut}, one that produces too much is cut by {@link OutputCap}. A module
 * can never crash the scan.
 *
 * <p>Sequential on purpose: the agent should be a light guest on the host, and the whole scan is
 * dominated by I/O that parallel threads would only contend for.
 *
 * <p>Cancellation in Java is cooperative: the thread is interrupted, which stops commands it is
 * waiting for and file channels it is reading; a module stuck in uninterruptible code keeps its
 * (daemon) thread until it returns, but its late output is dropped because the result is sealed.
 */
public final class ModuleRunner {

    private final ScanEnvironment environment;
    private volatile String priorityApplied = "not yet applied";

    public ModuleRunner(ScanEnvironment environment) {
        this.environment = environment;
    }

    public List<ModuleResult> runAll(List<ScanModule> modules) {
        List<ModuleResult> results = new ArrayList<>();
        for (ScanModule module : modules) {
            results.add(run(module));
        }
        return results;
    }

    /** What the last module thread managed to lower (for the scan document and the docs). */
    public String priorityApplied() {
        return priorityApplied;
    }

    public ModuleResult run(ScanModule module) {
        Instant startedAt = environment.clock().instant();
        long start = System.nanoTime();
        if (!module.supportedOs().contains(environment.os())) {
            ResultBuilder builder = new ResultBuilder();
            builder.notApplicable("module " + module.name() + " does not support "
                    + environment.os().name().toLowerCase(java.util.Locale.ROOT));
            return withExecution(builder.build(module), startedAt, start, false);
        }
        Duration limit = module.timeLimit();
        ResultBuilder builder = new ResultBuilder();
        ModuleContext context = new ModuleContext(environment, builder, start + limit.toNanos());
        FutureTask<ModuleResult> task = new FutureTask<>(() -> {
            priorityApplied = LowPriority.lowerCurrentThread(environment.os());
            return module.collect(context);
        });
        Thread thread = new Thread(task, "tenantra-module-" + module.name());
        thread.setDaemon(true);
        thread.start();
        ModuleResult result;
        try {
            result = task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (result == null) {
                result = builder.build(module);
            }
        } catch (TimeoutException e) {
            task.cancel(true);
            builder.seal();
            ModuleResult collected = builder.build(module);
            ModuleStatus status = collected.items().isEmpty() ? ModuleStatus.ERROR : ModuleStatus.PARTIAL;
            List<String> messages = new ArrayList<>(collected.messages());
            messages.add("timed out after " + limit.toSeconds() + " s; results are incomplete");
            result = new ModuleResult(
                    module.name(),
                    module.version(),
                    status,
                    collected.items(),
                    collected.risks(),
                    messages,
                    collected.execution());
            return OutputCap.apply(withExecution(result, startedAt, start, true), module.maxOutputBytes());
        } catch (ExecutionException e) {
            builder.seal();
            result = failed(module, e.getCause());
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            result = failed(module, e);
        }
        return OutputCap.apply(withExecution(result, startedAt, start, false), module.maxOutputBytes());
    }

    private static ModuleResult failed(ScanModule module, Throwable cause) {
        // The reason, not a stack trace: results travel to the server and into the console.
        String reason = cause == null
                ? "unknown failure"
                : cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + Texts.truncate(cause.getMessage(), 300));
        return new ModuleResult(
                module.name(),
                module.version(),
                ModuleStatus.ERROR,
                List.of(),
                List.of(),
                List.of("module failed: " + reason),
                null);
    }

    private static ModuleResult withExecution(
            ModuleResult result, Instant startedAt, long startNanos, boolean timedOut) {
        ModuleExecution own = result.execution();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
        return new ModuleResult(
                result.module(),
                result.moduleVersion(),
                result.status(),
                result.items(),
                result.risks(),
                result.messages(),
                new ModuleExecution(
                        startedAt,
                        millis,
                        timedOut,
                        own != null && own.truncated(),
                        own == null ? List.of() : own.skipped()));
    }
}

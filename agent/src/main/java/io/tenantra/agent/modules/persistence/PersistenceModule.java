package io.tenantra.agent.modules.persistence;

import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ScanModule;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import java.time.Duration;
import java.util.Set;

/**
 * Everything that runs code later or at log-in without being a service: cron, systemd timers,
 * at jobs, shell start-up files, rc.local and ld.so.preload, each entry with its source, command
 * line and the file's modification time.
 */
public final class PersistenceModule implements ScanModule {

    public static final String NAME = "persistence";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "1";
    }

    @Override
    public String description() {
        return "cron, systemd timers, at jobs, shell profile hooks, rc.local, ld.so.preload";
    }

    @Override
    public Set<OsFamily> supportedOs() {
        return Set.of(OsFamily.LINUX);
    }

    @Override
    public Duration timeLimit() {
        return Duration.ofSeconds(30);
    }

    @Override
    public ModuleResult collect(ModuleContext ctx) throws Exception {
        Entries entries = new Entries(ctx);
        Cron.collect(entries);
        Timers.collect(entries);
        AtJobs.collect(entries);
        Hooks.collect(entries);
        return ctx.result().build(this);
    }
}

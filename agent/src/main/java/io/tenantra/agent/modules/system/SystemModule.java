package io.tenantra.agent.modules.system;

import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ScanModule;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * OS, kernel, host name, boot time, hardware, CPU, memory, disks and mounts. On Linux it reads
 * {@code /etc} and {@code /proc}/{@code /sys} through the root, which keeps it fixture-testable
 * and deterministic; on macOS and Windows, where there is no such file interface, it asks OSHI.
 */
public final class SystemModule implements ScanModule {

    public static final String NAME = "system";

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
        return "OS, kernel, hostname, boot time, hardware, CPU, memory, disks and mounts";
    }

    @Override
    public Set<OsFamily> supportedOs() {
        return EnumSet.allOf(OsFamily.class);
    }

    @Override
    public Duration timeLimit() {
        return Duration.ofSeconds(20);
    }

    @Override
    public ModuleResult collect(ModuleContext ctx) throws Exception {
        if (ctx.os() == OsFamily.LINUX) {
            new LinuxSystemCollector(ctx).collect();
        } else {
            new OshiSystemCollector(ctx).collect();
        }
        return ctx.result().build(this);
    }
}

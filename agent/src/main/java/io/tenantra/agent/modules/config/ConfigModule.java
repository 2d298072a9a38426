package io.tenantra.agent.modules.config;

import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ScanModule;
import io.tenantra.agent.modules.processes.ProcReader;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import java.time.Duration;
import java.util.Set;

/**
 * Security configuration: SSH server, password policy (login.defs, pwquality, PAM), auditd,
 * journald and syslog, automatic updates.
 */
public final class ConfigModule implements ScanModule {

    public static final String NAME = "config";

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
        return "sshd effective settings, login.defs, PAM password quality, auditd, journald/syslog, automatic updates";
    }

    @Override
    public Set<OsFamily> supportedOs() {
        return Set.of(OsFamily.LINUX);
    }

    @Override
    public Duration timeLimit() {
        return Duration.ofSeconds(20);
    }

    @Override
    public ModuleResult collect(ModuleContext ctx) throws Exception {
        Set<String> running = ProcReader.runningNames(ctx.files());
        Sshd.collect(ctx);
        PasswordPolicy.collect(ctx);
        Logging.collect(ctx, running);
        AutoUpdates.collect(ctx);
        return ctx.result().build(this);
    }
}

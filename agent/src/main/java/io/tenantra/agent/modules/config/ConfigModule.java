package io.tenantra.agent.modules.config;

import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ScanModule;
import io.tenantra.agent.modules.processes.ProcReader;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import java.time.Duration;
import java.util.Set;

/**
 * Security configuration: SSH server, password policy (login.defs, pwquality, PAM rules,
 * faillock, pwhistory), shell timeout and umask, auditd and its rules, journald and syslog,
 * automatic updates, package sources, cron and at access, login banners, time synchronisation,
 * AppArmor and SELinux. Facts only, apart from a few risks that are dangers under any policy.
 */
public final class ConfigModule implements ScanModule {

    public static final String NAME = "config";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "2";
    }

    @Override
    public String description() {
        return "sshd, login.defs, PAM, shell timeout/umask, auditd rules, logging, updates, APT/yum sources, cron/at access, banners, time sync, AppArmor/SELinux";
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
        Pam.collect(ctx);
        ShellProfiles.collect(ctx);
        Logging.collect(ctx, running);
        AuditRules.collect(ctx);
        AutoUpdates.collect(ctx);
        Repositories.collect(ctx);
        AccessFiles.collect(ctx);
        TimeSync.collect(ctx, running);
        Mac.collect(ctx);
        return ctx.result().build(this);
    }
}

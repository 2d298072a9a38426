package io.tenantra.agent.modules.files;

import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ScanModule;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * File inventory of configured paths (default: system binaries and {@code /etc}): kind, owner,
 * mode, SUID/SGID, world-writable, mtime and SHA-256, with a per-file hash size cap, an entry cap
 * and a time budget. Symbolic links are recorded, never followed during the walk; their targets
 * are resolved inside the root only to report dangling links and loops. Then the modes of
 * {@code /var/log} and the boot files, and a metadata-only audit of every local file system for
 * world-writable, unowned and SUID/SGID files ({@link FilesystemAudit}), each with its own budget.
 */
public final class FilesModule implements ScanModule {

    public static final String NAME = "files";
    public static final String PATHS = "files.paths";
    public static final String BUDGET_SECONDS = "files.timeBudgetSeconds";
    public static final String MAX_ENTRIES = "files.maxEntries";
    /** {@code false} turns the file-system audit walk off. */
    public static final String AUDIT = "files.audit";
    /** Where the audit walks; default: the mount points of local file systems. */
    public static final String AUDIT_PATHS = "files.auditPaths";

    public static final String AUDIT_BUDGET_SECONDS = "files.auditTimeBudgetSeconds";
    public static final String AUDIT_MAX_ENTRIES = "files.auditMaxEntries";
    public static final String AUDIT_MAX_FINDINGS = "files.auditMaxFindings";
    public static final List<String> DEFAULT_PATHS = List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin", "/etc");

    private final HashCache cache = new HashCache(200_000);

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
        return "SHA-256, owner, mode, SUID/SGID and world-writable flags of " + String.join(", ", DEFAULT_PATHS)
                + " (configurable); world-writable, unowned and SUID/SGID files on all local file systems;"
                + " modes of /var/log and boot files";
    }

    @Override
    public Set<OsFamily> supportedOs() {
        return Set.of(OsFamily.LINUX, OsFamily.MACOS);
    }

    @Override
    public Duration timeLimit() {
        return Duration.ofSeconds(150);
    }

    @Override
    public long maxOutputBytes() {
        return 48L * 1024 * 1024;
    }

    @Override
    public ModuleResult collect(ModuleContext ctx) throws Exception {
        long budgetSeconds = Long.parseLong(ctx.setting(BUDGET_SECONDS, "60"));
        // Stop on our own a little before the hard deadline, so the result says what was skipped.
        long budgetNanos = Math.min(
                Duration.ofSeconds(budgetSeconds).toNanos(),
                ctx.nanosLeft() - Duration.ofSeconds(5).toNanos());
        int maxEntries = Integer.parseInt(ctx.setting(MAX_ENTRIES, "200000"));
        new FileWalker(ctx, cache, ctx.listSetting(PATHS, DEFAULT_PATHS), System.nanoTime() + budgetNanos, maxEntries)
                .walk();
        ProtectedPaths.collect(ctx);
        if (!"false".equalsIgnoreCase(ctx.setting(AUDIT, "true"))) {
            long auditNanos = Math.min(
                    Duration.ofSeconds(Long.parseLong(ctx.setting(AUDIT_BUDGET_SECONDS, "45")))
                            .toNanos(),
                    ctx.nanosLeft() - Duration.ofSeconds(5).toNanos());
            new FilesystemAudit(
                            ctx,
                            System.nanoTime() + auditNanos,
                            Integer.parseInt(ctx.setting(AUDIT_MAX_ENTRIES, "3000000")),
                            Integer.parseInt(ctx.setting(AUDIT_MAX_FINDINGS, "10000")))
                    .walk(ctx.listSetting(AUDIT_PATHS, LocalMounts.points(ctx.files())));
        }
        return ctx.result().build(this);
    }
}

package io.tenantra.agent.modules.kernel;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.ScanModule;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import io.tenantra.model.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Kernel facts a hardening baseline judges: live sysctl values, the values saved for the next boot,
 * how risky kernel modules are kept from loading, core dump limits, taint, loaded modules and the
 * mount options of separately mounted directories. The agent reports; the expected values are
 * content on the server (issue 15), so nothing here is judged against a threshold.
 */
public final class KernelModule implements ScanModule {

    public static final String NAME = "kernel";

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
        return "live and saved sysctls, modprobe.d blacklists, core dump limits, taint, loaded modules, mount options";
    }

    @Override
    public Set<OsFamily> supportedOs() {
        return Set.of(OsFamily.LINUX);
    }

    @Override
    public Duration timeLimit() {
        return Duration.ofSeconds(15);
    }

    @Override
    public ModuleResult collect(ModuleContext ctx) throws Exception {
        sysctls(ctx);
        SavedSysctls.collect(ctx);
        taint(ctx);
        Set<String> loaded = modules(ctx);
        Modprobe.collect(ctx, loaded);
        CoreDumps.collect(ctx);
        Mounts.collect(ctx);
        return ctx.result().build(this);
    }

    private static void sysctls(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        for (String name : SysctlNames.NAMES) {
            TextFile file = ctx.files().read(SysctlNames.path(name), 4096);
            if (file.failedBadly()) {
                out.partial("cannot read " + file.describeProblem());
                continue;
            }
            String value = file.ok() ? Texts.squash(file.text()) : null;
            out.item("sysctl", name, Attrs.of().put("value", value).put("present", value != null));
        }
    }

    /** Taint bits 12 (out-of-tree) and 13 (unsigned) mean code the distribution did not ship. */
    private static void taint(ModuleContext ctx) {
        TextFile file = ctx.files().read("/proc/sys/kernel/tainted", 4096);
        Long taint = file.ok() ? Texts.parseLong(file.text()) : null;
        if (taint == null) {
            return;
        }
        List<String> reasons = new ArrayList<>();
        if ((taint & (1 << 0)) != 0) {
            reasons.add("proprietary module");
        }
        if ((taint & (1 << 12)) != 0) {
            reasons.add("out-of-tree module");
        }
        if ((taint & (1 << 13)) != 0) {
            reasons.add("unsigned module");
        }
        ctx.result()
                .item(
                        "sysctl",
                        "kernel.tainted",
                        Attrs.of()
                                .put("value", Long.toString(taint))
                                .put("present", true)
                                .putList("taintReasons", reasons));
        if (!reasons.isEmpty()) {
            ctx.result()
                    .risk(
                            Severity.LOW,
                            "kernel.tainted",
                            "sysctl",
                            "kernel.tainted",
                            "kernel tainted by " + String.join(", ", reasons));
        }
    }

    /** Lists loaded modules; returns their names, or null when the kernel has no module support. */
    private static Set<String> modules(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        TextFile file = ctx.files().read("/proc/modules", 4L * 1024 * 1024);
        if (file.missing()) {
            out.message("no /proc/modules: kernel built without loadable module support");
            return null;
        }
        if (!out.note(file)) {
            return null;
        }
        Set<String> names = new TreeSet<>();
        for (String line : file.lines()) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 4) {
                continue;
            }
            names.add(f[0]);
            List<String> usedBy = new ArrayList<>();
            for (String dep : f[3].split(",")) {
                if (!dep.isEmpty() && !dep.equals("-")) {
                    usedBy.add(dep);
                }
            }
            // Reference counts change constantly; size, dependents and taint flags do not.
            out.item(
                    "kernel_module",
                    f[0],
                    Attrs.of()
                            .put("sizeBytes", Texts.parseLong(f[1]))
                            .putSorted("usedBy", usedBy)
                            .put("state", f.length > 4 ? f[4] : null)
                            .put("flags", f.length > 6 ? f[6] : null));
        }
        return names;
    }
}

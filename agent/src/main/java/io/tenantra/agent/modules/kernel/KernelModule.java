package io.tenantra.agent.modules.kernel;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.ScanModule;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import io.tenantra.model.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Security-relevant sysctl values against expected ones, kernel taint, loaded modules, and the
 * mount options of the world-writable temporary directories.
 */
public final class KernelModule implements ScanModule {

    public static final String NAME = "kernel";
    /** Rarely needed file systems and protocols whose code is a recurring source of exploits (CIS 1.1.1, 3.4). */
    static final Set<String> UNCOMMON_MODULES =
            Set.of("cramfs", "freevxfs", "jffs2", "hfs", "hfsplus", "udf", "dccp", "sctp", "rds", "tipc");

    static final Map<String, List<String>> TEMP_MOUNTS = Map.of(
            "/tmp",
            List.of("nodev", "nosuid", "noexec"),
            "/var/tmp",
            List.of("nodev", "nosuid", "noexec"),
            "/dev/shm",
            List.of("nodev", "nosuid", "noexec"));

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
        return "security sysctls against expected values, taint, loaded modules, /tmp /var/tmp /dev/shm mount options";
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
        taint(ctx);
        modules(ctx);
        mounts(ctx);
        return ctx.result().build(this);
    }

    private static void sysctls(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        for (SysctlRule rule : SysctlRule.RULES) {
            TextFile file = ctx.files().read(rule.path(), 4096);
            if (file.failedBadly()) {
                out.partial("cannot read " + file.describeProblem());
                continue;
            }
            String value = file.ok() ? Texts.squash(file.text()) : null;
            Boolean compliant = value == null ? null : rule.compliant(value);
            out.item(
                    "sysctl",
                    rule.name(),
                    Attrs.of()
                            .put("value", value)
                            .put("present", value != null)
                            .put("expected", rule.expectation())
                            .put("compliant", compliant));
            if (Boolean.FALSE.equals(compliant)) {
                out.risk(
                        rule.severity(),
                        "kernel.sysctl_noncompliant",
                        "sysctl",
                        rule.name(),
                        rule.name() + " is " + value + ", expected " + rule.expectation() + " (" + rule.why() + ")");
            }
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

    private static void modules(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        TextFile file = ctx.files().read("/proc/modules", 4L * 1024 * 1024);
        if (file.missing()) {
            out.message("no /proc/modules: kernel built without loadable module support");
            return;
        }
        if (!out.note(file)) {
            return;
        }
        for (String line : file.lines()) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 4) {
                continue;
            }
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
            if (UNCOMMON_MODULES.contains(f[0])) {
                out.risk(
                        Severity.LOW,
                        "kernel.uncommon_module_loaded",
                        "kernel_module",
                        f[0],
                        f[0] + " is rarely needed and a recurring source of kernel exploits");
            }
        }
    }

    private static void mounts(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        TextFile file = ctx.files().read("/proc/mounts", 4L * 1024 * 1024);
        if (!out.note(file)) {
            return;
        }
        Map<String, String[]> visible = new HashMap<>();
        for (String line : file.lines()) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 4) {
                visible.put(PathNames.normalize(PathNames.unescapeMountField(f[1])), f);
            }
        }
        for (Map.Entry<String, List<String>> want : new java.util.TreeMap<>(TEMP_MOUNTS).entrySet()) {
            String point = want.getKey();
            String[] f = visible.get(point);
            if (f == null) {
                out.item("mount_options", point, Attrs.of().put("separateMount", false));
                out.risk(
                        point.equals("/dev/shm") ? Severity.MEDIUM : Severity.LOW,
                        "kernel.tmp_not_separate",
                        "mount_options",
                        point,
                        point + " is not a separate file system, so nodev/nosuid/noexec cannot be applied to it");
                continue;
            }
            List<String> options = List.of(f[3].split(","));
            List<String> missing =
                    want.getValue().stream().filter(o -> !options.contains(o)).toList();
            out.item(
                    "mount_options",
                    point,
                    Attrs.of()
                            .put("separateMount", true)
                            .put("fsType", f[2])
                            .putList("options", options)
                            .put("nodev", options.contains("nodev"))
                            .put("nosuid", options.contains("nosuid"))
                            .put("noexec", options.contains("noexec"))
                            .putList("missingOptions", missing));
            if (!missing.isEmpty()) {
                out.risk(
                        missing.contains("nosuid") ? Severity.MEDIUM : Severity.LOW,
                        "kernel.mount_option_missing",
                        "mount_options",
                        point,
                        point + " lacks " + String.join(", ", missing) + ": files there can be "
                                + consequences(missing));
            }
        }
    }

    private static String consequences(List<String> missing) {
        List<String> parts = new ArrayList<>();
        if (missing.contains("nosuid")) {
            parts.add("setuid programs");
        }
        if (missing.contains("noexec")) {
            parts.add("executed");
        }
        if (missing.contains("nodev")) {
            parts.add("device nodes");
        }
        return String.join(", ", parts);
    }
}

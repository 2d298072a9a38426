package io.tenantra.agent.modules.boot;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.FileMeta;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.ScanModule;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import io.tenantra.model.Severity;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Firmware mode and Secure Boot state (efivars), GRUB configuration permissions and password,
 * and the kernel command line with parameters that switch protections off.
 */
public final class BootModule implements ScanModule {

    public static final String NAME = "boot";
    static final String EFI_GLOBAL = "8be4df61-93ca-11d2-aa0d-00e098032b8c";
    static final List<String> GRUB_CONFIGS = List.of(
            "/boot/grub/grub.cfg",
            "/boot/grub2/grub.cfg",
            "/boot/efi/EFI/debian/grub.cfg",
            "/boot/efi/EFI/ubuntu/grub.cfg",
            "/boot/efi/EFI/redhat/grub.cfg",
            "/boot/efi/EFI/centos/grub.cfg",
            "/boot/efi/EFI/fedora/grub.cfg",
            "/boot/efi/EFI/rocky/grub.cfg",
            "/boot/efi/EFI/almalinux/grub.cfg");

    /** Kernel parameters that disable a protection, with why it matters. */
    static final Map<String, String> WEAKENING = Map.of(
            "selinux=0", "SELinux disabled",
            "enforcing=0", "SELinux permissive",
            "apparmor=0", "AppArmor disabled",
            "security=none", "no Linux security module",
            "audit=0", "kernel auditing disabled",
            "mitigations=off", "CPU vulnerability mitigations disabled",
            "nokaslr", "kernel address space randomisation disabled",
            "nosmep", "SMEP disabled",
            "nosmap", "SMAP disabled",
            "module.sig_enforce=0", "unsigned kernel modules allowed");

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
        return "UEFI/Secure Boot state, GRUB config permissions and password, kernel command line";
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
        firmware(ctx);
        grub(ctx);
        cmdline(ctx);
        return ctx.result().build(this);
    }

    private static void firmware(ModuleContext ctx) {
        HostFiles files = ctx.files();
        boolean uefi = files.isDirectory("/sys/firmware/efi");
        Attrs attrs = Attrs.of().put("mode", uefi ? "uefi" : "bios");
        if (uefi) {
            attrs.put("secureBoot", efiFlag(ctx, "SecureBoot"));
            attrs.put("setupMode", efiFlag(ctx, "SetupMode"));
        } else {
            attrs.put("secureBoot", "not_supported");
        }
        ctx.result().item("firmware", "firmware", attrs);
        if (uefi && "disabled".equals(attrs.map().get("secureBoot"))) {
            ctx.result()
                    .risk(
                            Severity.LOW,
                            "boot.secure_boot_disabled",
                            "firmware",
                            "firmware",
                            "UEFI Secure Boot is off: unsigned boot loaders and kernels will start");
        }
    }

    /** An efivar file is 4 attribute bytes followed by the value; 1 means on. */
    private static String efiFlag(ModuleContext ctx, String name) {
        String path = "/sys/firmware/efi/efivars/" + name + "-" + EFI_GLOBAL;
        try {
            byte[] bytes = ctx.files().readBytes(path, 0, 5);
            return bytes.length < 5 ? "unknown" : bytes[4] == 1 ? "enabled" : "disabled";
        } catch (IOException e) {
            TextFile.Problem problem = HostFiles.classify(e);
            if (problem != TextFile.Problem.MISSING) {
                ctx.result().partial("cannot read " + path + ": " + problem.label());
            }
            return "unknown";
        }
    }

    private static void grub(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        boolean found = false;
        for (String path : GRUB_CONFIGS) {
            FileMeta meta = ctx.files().lstat(path).orElse(null);
            if (meta == null) {
                continue;
            }
            found = true;
            TextFile cfg = ctx.files().read(path, 8L * 1024 * 1024);
            out.note(cfg);
            List<String> texts = new ArrayList<>(cfg.lines());
            // The password may be set in the generator scripts rather than the generated file.
            for (String script : ctx.files().list("/etc/grub.d").names()) {
                texts.addAll(
                        ctx.files().read("/etc/grub.d/" + script, 1024 * 1024).lines());
            }
            boolean superusers =
                    texts.stream().anyMatch(l -> Texts.stripComment(l).matches(".*\\bset\\s+superusers\\s*=.*"));
            boolean password = texts.stream()
                    .anyMatch(l -> Texts.stripComment(l).matches("^\\s*password(_pbkdf2)?\\s+\\S+\\s+\\S+.*"));
            boolean plain =
                    texts.stream().anyMatch(l -> Texts.stripComment(l).matches("^\\s*password\\s+\\S+\\s+\\S+.*"));
            // Only flags leave the module: GRUB password lines hold a hash or, worse, the password.
            out.item(
                    "bootloader",
                    path,
                    Attrs.of()
                            .put("loader", "grub")
                            .put("mode", meta.modeString())
                            .put("uid", meta.uid())
                            .put("gid", meta.gid())
                            .put("superusersSet", superusers)
                            .put("passwordSet", superusers && password)
                            .put("plainTextPassword", plain ? true : null));
            List<String> problems = new ArrayList<>();
            if (meta.mode() >= 0 && (meta.mode() & 077) != 0 && meta.kind() == FileMeta.Kind.FILE) {
                problems.add("readable or writable by group/others (" + meta.modeString() + "; expected 0400 or 0600)");
            }
            if (meta.uid() > 0) {
                problems.add("not owned by root");
            }
            if (!problems.isEmpty()) {
                out.risk(
                        Severity.MEDIUM,
                        "boot.grub_config_permissions",
                        "bootloader",
                        path,
                        "GRUB configuration " + String.join(", ", problems));
            }
            if (!(superusers && password)) {
                out.risk(
                        Severity.LOW,
                        "boot.grub_no_password",
                        "bootloader",
                        path,
                        "no GRUB superuser password: anyone at the console can edit the kernel command line");
            }
            if (plain) {
                out.risk(
                        Severity.HIGH,
                        "boot.grub_plaintext_password",
                        "bootloader",
                        path,
                        "GRUB password stored in clear text (use password_pbkdf2)");
            }
        }
        if (!found) {
            out.message("no GRUB configuration found (other boot loader, or a container/VM booted directly)");
        }
    }

    private static void cmdline(ModuleContext ctx) {
        TextFile file = ctx.files().read("/proc/cmdline", 64 * 1024);
        if (!ctx.result().note(file) || file.missing()) {
            if (file.missing()) {
                ctx.result().partial("no /proc/cmdline: kernel command line unknown");
            }
            return;
        }
        String line = Texts.squash(file.text());
        List<String> params = List.of(line.isEmpty() ? new String[0] : line.split(" "));
        ctx.result()
                .item(
                        "kernel_cmdline",
                        "cmdline",
                        Attrs.of().put("cmdline", line).putList("parameters", params));
        // One risk per item and code: list every weakening parameter in it.
        List<String> reasons = new ArrayList<>();
        Severity severity = Severity.MEDIUM;
        for (String param : params) {
            String why = WEAKENING.get(param.toLowerCase(java.util.Locale.ROOT));
            if (why != null) {
                reasons.add(param + " (" + why + ")");
            }
            if (param.matches("init=.*/(ba|da|z)?sh")) {
                reasons.add(param + " (boots straight into a shell)");
                severity = Severity.HIGH;
            }
        }
        if (!reasons.isEmpty()) {
            ctx.result()
                    .risk(
                            severity,
                            "boot.weak_cmdline_param",
                            "kernel_cmdline",
                            "cmdline",
                            "protections switched off on the kernel command line: " + String.join(", ", reasons));
        }
    }
}

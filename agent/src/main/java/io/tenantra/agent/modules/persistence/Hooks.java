package io.tenantra.agent.modules.persistence;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.FileMeta;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.Sha256;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import io.tenantra.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Shell start-up files (system-wide and per user), {@code rc.local} and {@code /etc/ld.so.preload}.
 * Each file is one item with its hash (drift shows any change) and the lines that look suspicious.
 */
final class Hooks {

    static final List<String> SYSTEM = List.of(
            "/etc/profile",
            "/etc/bash.bashrc",
            "/etc/bashrc",
            "/etc/environment",
            "/etc/zsh/zshrc",
            "/etc/zsh/zprofile",
            "/etc/zshrc");
    static final List<String> USER_FILES =
            List.of(".bashrc", ".profile", ".bash_profile", ".bash_login", ".bash_logout", ".zshrc", ".zprofile");
    private static final long CAP = 1024 * 1024;

    private Hooks() {}

    static void collect(Entries entries) throws InterruptedException {
        ModuleContext ctx = entries.ctx();
        for (String path : SYSTEM) {
            hook(entries, path, "system", null);
        }
        HostFiles.Listing profileD = ctx.files().list("/etc/profile.d");
        ctx.result().note(profileD);
        for (String name : profileD.names()) {
            hook(entries, "/etc/profile.d/" + name, "system", null);
        }
        Set<String> homes = new LinkedHashSet<>();
        for (String line : ctx.files().read("/etc/passwd").lines()) {
            String[] f = line.split(":", -1);
            if (f.length == 7
                    && f[5].startsWith("/")
                    && !PathNames.normalize(f[5]).equals("/")
                    && homes.add(PathNames.normalize(f[5]))) {
                ctx.checkCancelled();
                for (String name : USER_FILES) {
                    hook(entries, PathNames.normalize(f[5]) + "/" + name, "user", f[0]);
                }
            }
        }
        rcLocal(entries);
        preload(entries);
    }

    private static void hook(Entries entries, String path, String scope, String user) {
        ModuleContext ctx = entries.ctx();
        FileMeta meta = ctx.files().lstat(path).orElse(null);
        if (meta == null || meta.isDirectory()) {
            return;
        }
        TextFile text = ctx.files().read(path, CAP);
        if (!ctx.result().note(text)) {
            return;
        }
        List<String> suspicious = new ArrayList<>();
        int active = 0;
        for (String raw : text.lines()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            active++;
            if (!Suspicious.reasons(line).isEmpty() && suspicious.size() < 10) {
                suspicious.add(Texts.truncate(line, 300));
            }
        }
        Attrs attrs = entries.fileAttrs(meta)
                .put("source", path)
                .put("scope", scope)
                .put("user", user)
                .put("activeLines", active)
                .put("sha256", fileHash(ctx, path))
                .putList("suspiciousLines", suspicious.isEmpty() ? null : suspicious);
        entries.emit("shell_hook", path, attrs, String.join("\n", suspicious), meta);
    }

    /** The hash of the bytes on disk (the decoded text would hide invalid UTF-8 differences). */
    private static String fileHash(ModuleContext ctx, String path) {
        try {
            return new Sha256().file(ctx.files().resolve(path));
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static void rcLocal(Entries entries) {
        ModuleContext ctx = entries.ctx();
        for (String path : List.of("/etc/rc.local", "/etc/rc.d/rc.local")) {
            FileMeta meta = ctx.files().lstat(path).orElse(null);
            if (meta == null || meta.isDirectory()) {
                continue;
            }
            TextFile text = ctx.files().read(path, CAP);
            if (!ctx.result().note(text)) {
                continue;
            }
            List<String> commands = new ArrayList<>();
            for (String raw : text.lines()) {
                String line = raw.strip();
                if (!line.isEmpty() && !line.startsWith("#") && !line.equals("exit 0")) {
                    commands.add(Texts.truncate(line, 500));
                }
            }
            FileMeta target = ctx.files().stat(path).orElse(meta);
            entries.emit(
                    "rc_local",
                    path,
                    entries.fileAttrs(meta)
                            .put("source", path)
                            .put("executable", target.mode() >= 0 && (target.mode() & 0111) != 0)
                            .putList("commands", commands),
                    String.join("\n", commands),
                    meta);
        }
    }

    private static void preload(Entries entries) {
        ModuleContext ctx = entries.ctx();
        String path = "/etc/ld.so.preload";
        TextFile text = ctx.files().read(path, CAP);
        if (text.missing() || !ctx.result().note(text)) {
            return;
        }
        List<String> libraries = new ArrayList<>();
        for (String raw : text.lines()) {
            String line = Texts.stripComment(raw);
            for (String lib : line.split("[\\s:]+")) {
                if (!lib.isEmpty()) {
                    libraries.add(lib);
                }
            }
        }
        FileMeta meta = ctx.files().lstat(path).orElse(null);
        entries.emit(
                "ld_preload",
                path,
                entries.fileAttrs(meta).put("source", path).putList("libraries", libraries),
                null,
                meta);
        if (!libraries.isEmpty()) {
            ctx.result()
                    .risk(
                            Severity.HIGH,
                            "persistence.ld_preload",
                            "ld_preload",
                            path,
                            "libraries forced into every process: " + String.join(", ", libraries));
        }
    }
}

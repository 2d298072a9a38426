package io.tenantra.agent.modules.config;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.ConfigText;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import io.tenantra.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Password policy: every {@code /etc/login.defs} setting, pwquality settings
 * ({@code /etc/security/pwquality.conf} and {@code .conf.d}), and the PAM password and auth
 * stacks (Debian {@code common-password}/{@code common-auth}, Red Hat {@code system-auth}/
 * {@code password-auth}).
 */
final class PasswordPolicy {

    static final List<String> PAM_FILES = List.of(
            "/etc/pam.d/common-password",
            "/etc/pam.d/common-auth",
            "/etc/pam.d/system-auth",
            "/etc/pam.d/password-auth");

    private PasswordPolicy() {}

    static void collect(ModuleContext ctx) {
        loginDefs(ctx);
        pwquality(ctx);
        pam(ctx);
    }

    private static void loginDefs(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        TextFile file = ctx.files().read("/etc/login.defs");
        if (file.missing()) {
            out.message("no /etc/login.defs");
            return;
        }
        if (!out.note(file)) {
            return;
        }
        // Every key: which ones matter (and what values pass) is content on the server.
        Map<String, String> defs = ConfigText.whitespaceSeparated(file.lines(), false, false);
        for (Map.Entry<String, String> e : defs.entrySet()) {
            out.item(
                    "login_defs",
                    e.getKey(),
                    Attrs.of().put("value", e.getValue()).put("source", "/etc/login.defs"));
        }
        String method = defs.getOrDefault("ENCRYPT_METHOD", "DES").toUpperCase(java.util.Locale.ROOT);
        if (method.equals("DES") || method.equals("MD5")) {
            out.risk(
                    Severity.HIGH,
                    "config.weak_password_hashing",
                    "login_defs",
                    "ENCRYPT_METHOD",
                    "new passwords hashed with " + method
                            + (defs.containsKey("ENCRYPT_METHOD") ? "" : " (the default when unset)"));
        }
    }

    private static void pwquality(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        List<String> lines = new ArrayList<>();
        TextFile main = ctx.files().read("/etc/security/pwquality.conf");
        out.note(main);
        lines.addAll(main.lines());
        for (String name : ctx.files().list("/etc/security/pwquality.conf.d").names()) {
            if (name.endsWith(".conf")) {
                TextFile f = ctx.files().read("/etc/security/pwquality.conf.d/" + name);
                out.note(f);
                lines.addAll(f.lines());
            }
        }
        if (main.missing() && lines.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> e : ConfigText.equalsSeparated(lines).entrySet()) {
            out.item("pwquality", e.getKey(), Attrs.of().put("value", e.getValue()));
        }
    }

    private static void pam(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        boolean quality = false;
        boolean anyStack = false;
        for (String path : PAM_FILES) {
            TextFile file = ctx.files().read(path);
            if (file.missing() || !out.note(file)) {
                continue;
            }
            anyStack = true;
            List<String> modules = new ArrayList<>();
            Map<String, String> unixOptions = new LinkedHashMap<>();
            Long minlen = null;
            for (String raw : file.lines()) {
                String line = Texts.stripComment(raw);
                String[] f = line.split("\\s+");
                if (f.length < 3 || !(f[0].equals("password") || f[0].equals("auth"))) {
                    continue;
                }
                // "password [success=1 default=ignore] pam_unix.so obscure yescrypt": control may be bracketed.
                int moduleAt = 2;
                if (f[1].startsWith("[")) {
                    while (moduleAt < f.length && !f[moduleAt - 1].endsWith("]")) {
                        moduleAt++;
                    }
                }
                if (moduleAt >= f.length) {
                    continue;
                }
                String module = f[moduleAt].replaceAll("^.*/", "");
                modules.add(f[0] + " " + module);
                if (module.equals("pam_pwquality.so")
                        || module.equals("pam_cracklib.so")
                        || module.equals("pam_passwdqc.so")) {
                    quality = true;
                }
                for (int i = moduleAt + 1; i < f.length; i++) {
                    if (module.equals("pam_unix.so")) {
                        String[] kv = f[i].split("=", 2);
                        unixOptions.put(kv[0], kv.length > 1 ? kv[1] : "");
                    }
                    if (f[i].startsWith("minlen=")) {
                        minlen = Texts.parseLong(f[i].substring(7));
                    }
                }
            }
            String hashing = java.util.stream.Stream.of(
                            "yescrypt", "sha512", "sha256", "blowfish", "md5", "bigcrypt", "des")
                    .filter(unixOptions::containsKey)
                    .findFirst()
                    .orElse(null);
            out.item(
                    "pam_stack",
                    path,
                    Attrs.of()
                            .putList("modules", modules)
                            .put("unixHashing", hashing)
                            .put("nullok", unixOptions.containsKey("nullok"))
                            .put("remember", Texts.parseLong(unixOptions.get("remember")))
                            .put("minlen", minlen));
            if (unixOptions.containsKey("nullok")) {
                out.risk(
                        Severity.MEDIUM,
                        "config.pam_nullok",
                        "pam_stack",
                        path,
                        "pam_unix nullok: accounts with an empty password are accepted");
            }
            if (hashing != null && Set.of("md5", "bigcrypt", "des").contains(hashing)) {
                out.risk(
                        Severity.HIGH,
                        "config.weak_password_hashing",
                        "pam_stack",
                        path,
                        "pam_unix hashes new passwords with " + hashing);
            }
        }
        if (anyStack && !quality) {
            out.risk(
                    Severity.LOW,
                    "config.no_password_quality",
                    "pam_stack",
                    PAM_FILES.get(0),
                    "no pam_pwquality, pam_cracklib or pam_passwdqc: password strength is not checked");
        }
    }
}

package io.tenantra.agent.modules.config;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.CommandResult;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import io.tenantra.model.Severity;
import java.nio.file.FileSystems;
import java.nio.file.PathMatcher;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Effective OpenSSH server settings: {@code sshd -T} when it runs (it applies defaults, includes
 * and Match-less global values exactly as the daemon will), else {@code /etc/ssh/sshd_config}
 * and its {@code Include}s parsed with sshd's first-value-wins rule, with OpenSSH's defaults for
 * the settings judged here. Settings inside {@code Match} blocks are not applied (they are
 * conditional).
 */
final class Sshd {

    /** OpenSSH 9.x defaults for the settings the module judges. */
    static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("permitrootlogin", "prohibit-password"),
            Map.entry("passwordauthentication", "yes"),
            Map.entry("permitemptypasswords", "no"),
            Map.entry("pubkeyauthentication", "yes"),
            Map.entry("kbdinteractiveauthentication", "yes"),
            Map.entry("x11forwarding", "no"),
            Map.entry("maxauthtries", "6"),
            Map.entry("logingracetime", "120"),
            Map.entry("hostbasedauthentication", "no"),
            Map.entry("ignorerhosts", "yes"),
            Map.entry("permituserenvironment", "no"),
            Map.entry("allowtcpforwarding", "yes"),
            Map.entry("usepam", "no"),
            Map.entry("loglevel", "INFO"));

    private Sshd() {}

    static void collect(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        boolean installed = ctx.files().exists("/usr/sbin/sshd") || ctx.files().exists("/etc/ssh/sshd_config");
        if (!installed) {
            out.item("sshd", "sshd", Attrs.of().put("installed", false));
            return;
        }
        Map<String, String> settings = null;
        String source;
        CommandResult result = ctx.commands().run("sshd", "-T");
        if (result.succeeded() && result.stdout().contains("permitrootlogin")) {
            settings = new LinkedHashMap<>();
            for (String line : result.stdout().split("\n")) {
                String[] kv = line.strip().split("\\s+", 2);
                if (kv.length == 2) {
                    settings.putIfAbsent(kv[0].toLowerCase(Locale.ROOT), kv[1]);
                }
            }
            source = "sshd -T";
        } else {
            if (!result.notFound()) {
                out.skip("sshd -T failed (" + result.failure() + "); parsed sshd_config instead");
            }
            settings = new LinkedHashMap<>();
            parse(ctx, "/etc/ssh/sshd_config", settings, new HashSet<>(), 0);
            for (Map.Entry<String, String> d : DEFAULTS.entrySet()) {
                settings.putIfAbsent(d.getKey(), d.getValue());
            }
            source = "sshd_config";
        }
        out.item("sshd", "sshd", Attrs.of().put("installed", true).put("source", source));
        for (Map.Entry<String, String> e : settings.entrySet()) {
            if (e.getKey().startsWith("hostkey") || e.getKey().equals("authorizedkeyscommand")) {
                continue; // paths to secrets and programs: not configuration the console needs
            }
            out.item(
                    "sshd_setting",
                    e.getKey(),
                    Attrs.of().put("value", e.getValue()).put("source", source));
        }
        judge(out, settings);
    }

    static void parse(ModuleContext ctx, String path, Map<String, String> settings, Set<String> seen, int depth) {
        if (depth > 8 || !seen.add(path)) {
            return;
        }
        TextFile file = ctx.files().read(path, 1024 * 1024);
        if (file.missing() && depth > 0) {
            return;
        }
        if (!ctx.result().note(file)) {
            return;
        }
        for (String raw : file.lines()) {
            String line = Texts.stripComment(raw);
            if (line.isEmpty()) {
                continue;
            }
            String[] kv = line.split("[\\s=]+", 2);
            String key = kv[0].toLowerCase(Locale.ROOT);
            String value = kv.length > 1 ? Texts.unquote(kv[1].strip()) : "";
            if (key.equals("match")) {
                return; // everything after the first Match is conditional
            }
            if (key.equals("include")) {
                for (String pattern : value.split("\\s+")) {
                    String abs = pattern.startsWith("/") ? pattern : "/etc/ssh/" + pattern;
                    for (String included : glob(ctx.files(), abs)) {
                        parse(ctx, included, settings, seen, depth + 1);
                    }
                }
                continue;
            }
            settings.putIfAbsent(key, value);
        }
    }

    /** Expands a glob in the last path component, sorted like sshd (glob(3) order). */
    static List<String> glob(HostFiles files, String pattern) {
        String dir = PathNames.normalize(pattern + "/..");
        String name = PathNames.fileName(pattern);
        if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
            return List.of(PathNames.normalize(pattern));
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
        return files.list(dir).names().stream()
                .filter(n -> matcher.matches(java.nio.file.Path.of(n)))
                .map(n -> dir + "/" + n)
                .toList();
    }

    private static void judge(ResultBuilder out, Map<String, String> s) {
        flag(out, s, "permitrootlogin", v -> v.equals("yes"), Severity.HIGH, "root may log in with a password");
        flag(
                out,
                s,
                "permitemptypasswords",
                v -> v.equals("yes"),
                Severity.HIGH,
                "accounts with empty passwords may log in");
        flag(
                out,
                s,
                "passwordauthentication",
                v -> v.equals("yes"),
                Severity.MEDIUM,
                "password logins allow online guessing; prefer keys");
        flag(out, s, "hostbasedauthentication", v -> v.equals("yes"), Severity.MEDIUM, "host-based trust");
        flag(out, s, "ignorerhosts", v -> v.equals("no"), Severity.MEDIUM, ".rhosts files are honoured");
        flag(
                out,
                s,
                "permituserenvironment",
                v -> !v.equals("no"),
                Severity.MEDIUM,
                "users can set environment variables for sshd-started programs");
        flag(out, s, "x11forwarding", v -> v.equals("yes"), Severity.LOW, "X11 forwarding exposes clients' displays");
        flag(out, s, "protocol", v -> v.contains("1"), Severity.HIGH, "SSH protocol 1 is broken");
        flag(
                out,
                s,
                "ciphers",
                v -> v.matches(".*(-cbc|arcfour|3des|blowfish).*"),
                Severity.MEDIUM,
                "weak ciphers enabled");
        flag(
                out,
                s,
                "macs",
                v -> v.matches(".*(hmac-md5|hmac-sha1-96|umac-64@).*"),
                Severity.MEDIUM,
                "weak MACs enabled");
        flag(
                out,
                s,
                "kexalgorithms",
                v -> v.matches(
                        ".*(diffie-hellman-group1-sha1|diffie-hellman-group14-sha1|diffie-hellman-group-exchange-sha1).*"),
                Severity.MEDIUM,
                "SHA-1 key exchange enabled");
    }

    private static void flag(
            ResultBuilder out,
            Map<String, String> s,
            String key,
            java.util.function.Predicate<String> bad,
            Severity severity,
            String why) {
        String value = s.get(key);
        if (value != null && bad.test(value.toLowerCase(Locale.ROOT))) {
            out.risk(severity, "config.sshd_weak_setting", "sshd_setting", key, key + " " + value + ": " + why);
        }
    }
}

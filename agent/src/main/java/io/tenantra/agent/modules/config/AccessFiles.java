package io.tenantra.agent.modules.config;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.FileModes;
import io.tenantra.agent.modules.HostAccounts;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may schedule jobs and what users see before they log in: {@code cron.allow}, {@code
 * cron.deny}, {@code at.allow}, {@code at.deny} ({@code access_control_file} items with the users
 * they list), the modes of the system crontab and cron directories ({@code file_mode} items), and
 * the login banners {@code /etc/issue}, {@code /etc/issue.net}, {@code /etc/motd} ({@code
 * login_banner} items: protection, length and whether they reveal the operating system).
 */
final class AccessFiles {

    static final List<String> ACCESS_FILES =
            List.of("/etc/at.allow", "/etc/at.deny", "/etc/cron.allow", "/etc/cron.deny");
    static final List<String> CRON_PATHS = List.of(
            "/etc/crontab",
            "/etc/cron.d",
            "/etc/cron.daily",
            "/etc/cron.hourly",
            "/etc/cron.monthly",
            "/etc/cron.weekly");
    static final List<String> BANNERS = List.of("/etc/issue", "/etc/issue.net", "/etc/motd");
    /** agetty escapes that print the machine, release, system name and version. */
    private static final Pattern OS_ESCAPES = Pattern.compile("\\\\([mrsv])");

    private AccessFiles() {}

    static void collect(ModuleContext ctx) {
        ResultBuilder out = ctx.result();
        HostAccounts accounts = HostAccounts.load(ctx.files());
        for (String path : ACCESS_FILES) {
            Attrs attrs = FileModes.attrs(ctx.files(), accounts, path).put("source", path);
            TextFile file = ctx.files().read(path, 1024 * 1024);
            if (file.ok()) {
                attrs.putSorted(
                        "users",
                        file.lines().stream()
                                .map(Texts::stripComment)
                                .filter(l -> !l.isEmpty())
                                .toList());
            } else {
                out.note(file);
            }
            out.item("access_control_file", path, attrs);
        }
        for (String path : CRON_PATHS) {
            out.item("file_mode", path, FileModes.attrs(ctx.files(), accounts, path));
        }
        banners(ctx, accounts);
    }

    private static void banners(ModuleContext ctx, HostAccounts accounts) {
        ResultBuilder out = ctx.result();
        List<String> osNames = osNames(ctx);
        for (String path : BANNERS) {
            Attrs attrs = FileModes.attrs(ctx.files(), accounts, path).put("source", path);
            TextFile file = ctx.files().read(path, 1024 * 1024);
            if (file.ok()) {
                String text = file.text();
                Matcher m = OS_ESCAPES.matcher(text);
                java.util.TreeSet<String> escapes = new java.util.TreeSet<>();
                while (m.find()) {
                    escapes.add("\\" + m.group(1));
                }
                String lower = text.toLowerCase(Locale.ROOT);
                attrs.put("length", text.strip().length())
                        .putList("osEscapes", List.copyOf(escapes))
                        .put("mentionsOs", osNames.stream().anyMatch(lower::contains));
            } else {
                out.note(file);
            }
            out.item("login_banner", path, attrs);
        }
    }

    /** The OS names a banner could reveal: os-release ID and NAME, lower case. */
    private static List<String> osNames(ModuleContext ctx) {
        TextFile release = ctx.files().read("/etc/os-release", 64 * 1024);
        if (!release.ok()) {
            release = ctx.files().read("/usr/lib/os-release", 64 * 1024);
        }
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String line : release.lines()) {
            String[] kv = line.split("=", 2);
            if (kv.length == 2 && (kv[0].equals("ID") || kv[0].equals("NAME"))) {
                String value = Texts.unquote(kv[1].strip()).toLowerCase(Locale.ROOT);
                // "linux" alone would match every banner that names the kernel: keep the distribution word.
                String word = value.split("\\s+")[0];
                if (word.length() >= 3 && !word.equals("linux")) {
                    names.add(word);
                }
            }
        }
        return List.copyOf(names);
    }
}

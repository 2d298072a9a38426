package io.tenantra.agent.modules.persistence;

import io.tenantra.agent.modules.FileMeta;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.Sha256;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Cron: the system crontab and {@code /etc/cron.d} (with a user column), users' spool crontabs
 * (Debian {@code /var/spool/cron/crontabs}, Red Hat {@code /var/spool/cron}), and the scripts
 * run-parts starts from {@code /etc/cron.{hourly,daily,weekly,monthly}}.
 */
final class Cron {

    /** run-parts and cron ignore names outside this set (backups, dpkg leftovers). */
    static final Pattern RUN_PARTS_NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private static final Pattern ENV = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*\\s*=.*");

    private Cron() {}

    static void collect(Entries entries) throws InterruptedException {
        ModuleContext ctx = entries.ctx();
        crontab(entries, "/etc/crontab", true, null);
        HostFiles.Listing cronD = ctx.files().list("/etc/cron.d");
        ctx.result().note(cronD);
        for (String name : cronD.names()) {
            if (RUN_PARTS_NAME.matcher(name).matches()) {
                crontab(entries, "/etc/cron.d/" + name, true, null);
            }
        }
        for (String spool : List.of("/var/spool/cron/crontabs", "/var/spool/cron")) {
            HostFiles.Listing users = ctx.files().list(spool);
            ctx.result().note(users);
            for (String user : users.names()) {
                ctx.checkCancelled();
                String path = spool + "/" + user;
                if (ctx.files().isDirectory(path) || user.startsWith(".") || user.startsWith("tmp.")) {
                    continue; // the Debian spool dir is inside /var/spool/cron; crontab's temp files
                }
                crontab(entries, path, false, user);
            }
        }
        for (String period : List.of("hourly", "daily", "weekly", "monthly")) {
            scripts(entries, "/etc/cron." + period, period);
        }
    }

    static void crontab(Entries entries, String path, boolean system, String owner) {
        ModuleContext ctx = entries.ctx();
        TextFile file = ctx.files().read(path, 4L * 1024 * 1024);
        if (file.missing() || !ctx.result().note(file)) {
            return;
        }
        FileMeta meta = ctx.files().lstat(path).orElse(null);
        int malformed = 0;
        for (String raw : file.lines()) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || ENV.matcher(line).matches()) {
                continue;
            }
            String[] f = line.split("\\s+");
            int scheduleFields = f[0].startsWith("@") ? 1 : 5;
            int commandAt = scheduleFields + (system ? 1 : 0);
            if (f.length <= commandAt) {
                malformed++;
                continue;
            }
            String schedule = String.join(" ", List.of(f).subList(0, scheduleFields));
            String user = system ? f[scheduleFields] : owner;
            String command = String.join(" ", List.of(f).subList(commandAt, f.length));
            String key = entries.key(path, schedule + " " + user + " " + command);
            entries.emit(
                    "cron_entry",
                    key,
                    entries.fileAttrs(meta)
                            .put("source", path)
                            .put("schedule", schedule)
                            .put("user", user)
                            .put("command", Texts.truncate(command, 2000)),
                    command,
                    meta);
        }
        if (malformed > 0) {
            ctx.result().message(malformed + " malformed line(s) ignored in " + path);
        }
    }

    private static void scripts(Entries entries, String dir, String period) {
        ModuleContext ctx = entries.ctx();
        HostFiles.Listing listing = ctx.files().list(dir);
        ctx.result().note(listing);
        Sha256 sha = new Sha256();
        for (String name : listing.names()) {
            if (!RUN_PARTS_NAME.matcher(name).matches()) {
                continue;
            }
            String path = dir + "/" + name;
            FileMeta meta = ctx.files().lstat(path).orElse(null);
            if (meta == null || meta.isDirectory()) {
                continue;
            }
            String hash = null;
            if (meta.isFile() && meta.size() <= 4L * 1024 * 1024) {
                try {
                    hash = sha.file(ctx.files().resolve(path));
                } catch (java.io.IOException e) {
                    ctx.result()
                            .partial("cannot read " + path + ": "
                                    + HostFiles.classify(e).label());
                }
            }
            TextFile text = ctx.files().read(path, 1024 * 1024);
            entries.emit(
                    "cron_script",
                    path,
                    entries.fileAttrs(meta)
                            .put("source", dir)
                            .put("schedule", period)
                            .put("command", path)
                            .put("executable", meta.mode() >= 0 && (meta.mode() & 0111) != 0)
                            .put("sha256", hash),
                    text.text(),
                    meta);
        }
    }
}

package io.tenantra.agent.modules.persistence;

import io.tenantra.agent.modules.FileMeta;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Pending {@code at} jobs: Debian keeps them in {@code /var/spool/cron/atjobs}, Red Hat in
 * {@code /var/spool/at}. A job file is a shell script whose user commands follow the environment
 * preamble (inside a {@code marcinDELIMITER} here-document in at 3.1.14+); its name encodes the
 * queue, job number and run time ({@code a0000101a2b3c4}: queue a, job 1, minutes since the epoch
 * in hex).
 */
final class AtJobs {

    private AtJobs() {}

    static void collect(Entries entries) {
        ModuleContext ctx = entries.ctx();
        for (String dir : List.of("/var/spool/cron/atjobs", "/var/spool/at")) {
            HostFiles.Listing listing = ctx.files().list(dir);
            ctx.result().note(listing);
            for (String name : listing.names()) {
                if (name.startsWith(".") || name.equals("spool")) {
                    continue;
                }
                String path = dir + "/" + name;
                FileMeta meta = ctx.files().lstat(path).orElse(null);
                if (meta == null || !meta.isFile()) {
                    continue;
                }
                TextFile text = ctx.files().read(path, 1024 * 1024);
                if (!ctx.result().note(text)) {
                    continue;
                }
                String command = command(text.lines());
                entries.emit(
                        "at_job",
                        path,
                        entries.fileAttrs(meta)
                                .put("source", dir)
                                .put("queue", name.length() == 14 ? name.substring(0, 1) : null)
                                .put("runAt", runAt(name))
                                .put("user", entries.accounts().user(meta.uid()))
                                .put("command", Texts.truncate(command, 2000)),
                        command,
                        meta);
            }
        }
    }

    static String command(List<String> lines) {
        List<String> body = new ArrayList<>();
        String delimiter = null;
        boolean afterCd = false;
        for (String line : lines) {
            if (delimiter != null) {
                if (line.strip().equals(delimiter)) {
                    break;
                }
                body.add(line);
            } else if (line.contains("<< 'marcinDELIMITER")) {
                int start = line.indexOf("'marcinDELIMITER") + 1;
                delimiter = line.substring(start, line.indexOf('\'', start));
                body.clear();
            } else if (line.strip().equals("}")) {
                afterCd = true; // end of the "cd … || { … }" guard of older at versions
                body.clear();
            } else if (afterCd) {
                body.add(line);
            }
        }
        return String.join(
                "\n", body.stream().map(String::strip).filter(l -> !l.isEmpty()).toList());
    }

    static String runAt(String name) {
        if (name.length() != 14) {
            return null;
        }
        try {
            long minutes = Long.parseLong(name.substring(6), 16);
            return Instant.ofEpochSecond(minutes * 60).toString();
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

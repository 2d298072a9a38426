package io.tenantra.agent.modules.processes;

import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.agent.modules.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads process facts from {@code /proc/<pid>}; also used by other modules to ask "is X running". */
public final class ProcReader {

    private static final int MAX_CMDLINE = 4096;

    /** One process as {@code /proc} describes it; fields are null where unreadable. */
    public record Proc(long pid, long ppid, String name, Long uid, String exe, String cmdline, boolean kernelThread) {}

    private ProcReader() {}

    /** Numeric entries of {@code /proc}, ascending. */
    public static List<Long> pids(HostFiles files) {
        List<Long> pids = new ArrayList<>();
        for (String name : files.list("/proc").names()) {
            if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                Long pid = Texts.parseLong(name);
                if (pid != null) {
                    pids.add(pid);
                }
            }
        }
        pids.sort(null);
        return pids;
    }

    /** Null when the process vanished between listing and reading (it happens all the time). */
    public static Proc read(HostFiles files, long pid) {
        String base = "/proc/" + pid;
        TextFile stat = files.read(base + "/stat", 64 * 1024);
        if (!stat.ok()) {
            return null;
        }
        String text = stat.text();
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            return null;
        }
        // comm may contain spaces and parentheses: it is everything between the first '(' and the last ')'.
        String name = text.substring(open + 1, close);
        String[] rest = text.substring(close + 1).strip().split("\\s+");
        Long ppid = rest.length > 1 ? Texts.parseLong(rest[1]) : null;
        Long uid = null;
        for (String line : files.read(base + "/status", 64 * 1024).lines()) {
            if (line.startsWith("Uid:")) {
                String[] f = line.substring(4).strip().split("\\s+");
                uid = Texts.parseLong(f[0]);
            }
        }
        TextFile cmd = files.read(base + "/cmdline", MAX_CMDLINE);
        String cmdline = cmd.ok() ? cmd.text().replace('\0', ' ').strip() : null;
        if (cmd.truncated()) {
            cmdline = cmdline + " …";
        }
        String exe = files.readLink(base + "/exe").orElse(null);
        long parent = ppid == null ? -1 : ppid;
        boolean kernelThread =
                pid == 2 || parent == 2 || (exe == null && (cmdline == null || cmdline.isEmpty()) && pid != 1);
        return new Proc(
                pid, parent, name, uid, exe, cmdline == null || cmdline.isEmpty() ? null : cmdline, kernelThread);
    }

    /** Names ({@code comm}) of all running processes, for "is auditd running" questions. */
    public static Set<String> runningNames(HostFiles files) {
        Set<String> names = new TreeSet<>();
        for (long pid : pids(files)) {
            String comm = files.read("/proc/" + pid + "/comm", 4096).text().strip();
            if (!comm.isEmpty()) {
                names.add(comm);
            }
        }
        return names;
    }
}

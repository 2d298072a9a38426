package io.tenantra.agent.probes;

import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.model.OsFamily;
import io.tenantra.model.Probe;
import io.tenantra.model.ProbeResult;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * PROCESS: is a process running whose name ({@code /proc/<pid>/comm}) or full command line
 * ({@code /proc/<pid>/cmdline}, arguments joined by spaces) matches the target, a regular
 * expression found anywhere (so a plain name like {@code sshd} matches {@code /usr/sbin/sshd -D}).
 * With tests, the command line must also satisfy them. Linux only: other systems answer ERROR.
 */
final class ProcessProbe {

    private static final int MAX_CMDLINE = 4096;

    private final HostFiles files;
    private final OsFamily os;

    ProcessProbe(HostFiles files, OsFamily os) {
        this.files = files;
        this.os = os;
    }

    ProbeResult run(Probe probe, LineTests tests, Deadline deadline) {
        if (os != OsFamily.LINUX) {
            return Answers.error(probe, "process probes read /proc and need Linux");
        }
        if (probe.targets().isEmpty()) {
            return Answers.error(probe, "no process pattern");
        }
        Pattern target;
        try {
            target = Pattern.compile(probe.targets().get(0));
        } catch (PatternSyntaxException e) {
            return Answers.error(probe, "invalid process pattern: " + e.getDescription());
        }
        HostFiles.Listing proc = files.list("/proc");
        if (!proc.ok()) {
            return Answers.error(probe, "/proc: " + proc.problem().label());
        }
        int examined = 0;
        for (String pid : proc.names()) {
            if (pid.isEmpty() || !pid.chars().allMatch(Character::isDigit)) {
                continue;
            }
            deadline.check();
            TextFile comm = files.read("/proc/" + pid + "/comm", 1024);
            if (!comm.ok()) {
                continue; // the process ended between listing and reading: it happens all the time
            }
            examined++;
            String name = comm.text().strip();
            String cmdline = files.read("/proc/" + pid + "/cmdline", MAX_CMDLINE)
                    .text()
                    .replace('\0', ' ')
                    .strip();
            boolean matches = target.matcher(deadline.guard(name)).find()
                    || target.matcher(deadline.guard(cmdline)).find();
            if (matches && (tests.isEmpty() || tests.satisfiedBy(cmdline, deadline))) {
                return Answers.found(probe, "pid " + pid + " " + name + ": " + cmdline);
            }
        }
        return Answers.notFound(probe, "no process matches (" + examined + " examined)");
    }
}

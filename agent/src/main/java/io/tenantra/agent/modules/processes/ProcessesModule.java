package io.tenantra.agent.modules.processes;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.HostAccounts;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.ScanModule;
import io.tenantra.agent.modules.Sha256;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import io.tenantra.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Running processes from {@code /proc}: name, pid, parent, user, executable path, command line
 * and the SHA-256 of the executable, hashed once per distinct executable (and kept between scans
 * while its size, mtime and inode stay the same). Kernel threads are left out: they have no
 * executable and their names churn.
 */
public final class ProcessesModule implements ScanModule {

    public static final String NAME = "processes";
    private static final int MAX_PROCESSES = 20_000;
    private static final List<String> TEMP_DIRS = List.of("/tmp", "/var/tmp", "/dev/shm");

    private record Stamp(long size, long mtime, long inode) {}

    private record Cached(Stamp stamp, String sha256) {}

    private final Map<String, Cached> hashes = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
            return size() > 4096;
        }
    };

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
        return "running processes with user, parent, executable, command line and executable SHA-256";
    }

    @Override
    public Set<OsFamily> supportedOs() {
        return Set.of(OsFamily.LINUX);
    }

    @Override
    public Duration timeLimit() {
        return Duration.ofSeconds(45);
    }

    @Override
    public ModuleResult collect(ModuleContext ctx) throws Exception {
        ResultBuilder out = ctx.result();
        HostFiles files = ctx.files();
        HostAccounts accounts = HostAccounts.load(files);
        List<Long> pids = ProcReader.pids(files);
        if (pids.isEmpty()) {
            out.partial("no processes readable under /proc");
            return out.build(this);
        }
        Map<Long, String> names = new HashMap<>();
        Map<Long, ProcReader.Proc> procs = new LinkedHashMap<>();
        int kernelThreads = 0;
        for (long pid : pids) {
            ctx.checkCancelled();
            if (procs.size() >= MAX_PROCESSES) {
                out.truncated("process cap of " + MAX_PROCESSES + " reached");
                break;
            }
            ProcReader.Proc p = ProcReader.read(files, pid);
            if (p == null) {
                continue;
            }
            names.put(pid, p.name());
            if (p.kernelThread()) {
                kernelThreads++;
                continue;
            }
            procs.put(pid, p);
        }
        out.skip(kernelThreads + " kernel thread(s) not listed");
        Sha256 sha = new Sha256();
        int unreadableExe = 0;
        for (ProcReader.Proc p : procs.values()) {
            ctx.checkCancelled();
            String key = Long.toString(p.pid());
            boolean deleted = p.exe() != null && p.exe().endsWith(" (deleted)");
            String exe = p.exe() == null
                    ? null
                    : deleted ? p.exe().substring(0, p.exe().length() - 10) : p.exe();
            String hash = null;
            if (p.exe() != null) {
                hash = hash(ctx, sha, p.pid(), p.exe(), out);
            } else {
                unreadableExe++;
            }
            out.item(
                    "process",
                    key,
                    Attrs.of()
                            .put("pid", p.pid())
                            .put("ppid", p.ppid())
                            .put("parentName", names.get(p.ppid()))
                            .put("name", p.name())
                            .put("uid", p.uid())
                            .put(
                                    "user",
                                    p.uid() == null
                                            ? null
                                            : accounts.user(p.uid().intValue()))
                            .put("exe", exe)
                            .put("exeDeleted", deleted ? true : null)
                            .put("cmdline", p.cmdline())
                            .put("sha256", hash));
            if (exe != null && exe.startsWith("/memfd:")) {
                out.risk(
                        Severity.MEDIUM,
                        "processes.memfd_executable",
                        "process",
                        key,
                        p.name()
                                + " runs from an anonymous memory file: done by container runtimes, and by fileless malware");
            } else if (deleted) {
                out.risk(
                        Severity.MEDIUM,
                        "processes.deleted_executable",
                        "process",
                        key,
                        p.name() + " runs a binary deleted from disk (upgraded without restart, or hiding)");
            }
            if (exe != null && TEMP_DIRS.stream().anyMatch(t -> PathNames.isUnder(PathNames.normalize(exe), t))) {
                out.risk(
                        Severity.HIGH,
                        "processes.exe_in_temp",
                        "process",
                        key,
                        p.name() + " runs from a world-writable temporary directory");
            }
        }
        if (unreadableExe > 0) {
            // Which processes varies from run to run: the count goes to the execution record.
            out.skip("executable of " + unreadableExe + " process(es) unreadable (permission denied or exited)");
        }
        return out.build(this);
    }

    /**
     * Hashes through {@code /proc/<pid>/exe}, which opens the running binary even when its path
     * was replaced or deleted; cached per executable path and stamp.
     */
    private String hash(ModuleContext ctx, Sha256 sha, long pid, String exe, ResultBuilder out) {
        try {
            // Followed on purpose: /proc/<pid>/exe is the kernel's handle on the running binary.
            Path path = ctx.files().resolve("/proc/" + pid + "/exe");
            Map<String, Object> a = Files.readAttributes(path, "unix:mode,size,lastModifiedTime,ino");
            if (!Files.isRegularFile(path)
                    || (Long) a.get("size") > ctx.limits().maxHashBytes()) {
                return null;
            }
            if (((Integer) a.get("mode") & 02) != 0) {
                out.risk(
                        Severity.HIGH,
                        "processes.exe_world_writable",
                        "process",
                        Long.toString(pid),
                        "executable " + exe + " is world-writable");
            }
            Stamp stamp = new Stamp(
                    (Long) a.get("size"),
                    ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toMillis(),
                    (Long) a.get("ino"));
            Cached cached = hashes.get(exe);
            if (cached != null && cached.stamp().equals(stamp)) {
                return cached.sha256();
            }
            String hash = sha.file(path, true);
            hashes.put(exe, new Cached(stamp, hash));
            return hash;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

package io.tenantra.agent.modules.files;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.FileMeta;
import io.tenantra.agent.modules.HostAccounts;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.ResultBuilder;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The file-system audit: one metadata-only pass over every local file system (by default) that
 * lists what baselines look for anywhere on a host: world-writable files, world-writable
 * directories without the sticky bit, files whose owner or group has no account, and setuid and
 * setgid files. Nothing is opened or hashed, only {@code lstat}. Each walk stays on the device it
 * started on (other mounts are walked as their own roots, when local), goes depth-first in sorted
 * order and stops at an entry cap, a time budget or a per-type findings cap, saying so, like the
 * inventory walk. It runs on the module's thread, which has idle I/O priority and niceness 10.
 */
final class FilesystemAudit {

    private static final int MAX_DEPTH = 64;
    static final Set<String> NEVER = Set.of("/proc", "/sys", "/dev/pts", "/run/user");

    private final ModuleContext ctx;
    private final HostFiles files;
    private final ResultBuilder out;
    private final HostAccounts accounts;
    private final long deadlineNanos;
    private final int maxEntries;
    private final int maxFindings;
    private final Map<String, Integer> findings = new HashMap<>();
    private int entries;
    private int failures;
    private boolean stopped;

    FilesystemAudit(ModuleContext ctx, long deadlineNanos, int maxEntries, int maxFindings) {
        this.ctx = ctx;
        this.files = ctx.files();
        this.out = ctx.result();
        this.accounts = HostAccounts.load(files);
        this.deadlineNanos = deadlineNanos;
        this.maxEntries = maxEntries;
        this.maxFindings = maxFindings;
    }

    void walk(List<String> roots) throws InterruptedException {
        // Nested roots stay: a walk never crosses into another device, so /tmp on its own
        // tmpfs is only seen as its own root.
        for (String root :
                new java.util.TreeSet<>(roots.stream().map(PathNames::normalize).toList())) {
            if (stopped) {
                out.truncated("file-system audit: not walked (limit reached earlier): " + root);
                continue;
            }
            Path path = files.lexical(root);
            FileMeta meta;
            try {
                meta = HostFiles.meta(root, path);
            } catch (IOException e) {
                continue; // a mount point that vanished or a configured path that does not exist
            }
            if (meta.isDirectory()) {
                directory(root, path, meta.device(), 0);
            }
        }
        if (failures > 0) {
            out.partial("file-system audit: cannot read " + failures + " director" + (failures == 1 ? "y" : "ies"));
        }
        out.skip("file-system audit: " + entries + " entries looked at");
    }

    private void directory(String hostPath, Path path, long device, int depth) throws InterruptedException {
        if (depth >= MAX_DEPTH) {
            out.truncated("file-system audit: depth limit " + MAX_DEPTH + " reached at " + hostPath);
            return;
        }
        List<String> names = new ArrayList<>();
        try {
            files.checkReadable(hostPath, path);
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
                for (Path child : stream) {
                    names.add(child.getFileName().toString());
                }
            }
        } catch (IOException e) {
            failures++;
            return;
        }
        Collections.sort(names);
        for (String name : names) {
            ctx.checkCancelled();
            if (stopped) {
                return;
            }
            if (System.nanoTime() > deadlineNanos) {
                stop("file-system audit: time budget exhausted before " + PathNames.join(hostPath, name));
                return;
            }
            if (entries >= maxEntries) {
                stop("file-system audit: entry cap of " + maxEntries + " reached before "
                        + PathNames.join(hostPath, name));
                return;
            }
            String childPath = PathNames.join(hostPath, name);
            if (NEVER.contains(childPath)) {
                continue;
            }
            Path child = path.resolve(name);
            FileMeta meta;
            try {
                meta = HostFiles.meta(childPath, child);
            } catch (IOException e) {
                continue; // removed while walking
            }
            entries++;
            examine(childPath, meta);
            // Another device is another mount: walked as its own root when it is local.
            if (meta.isDirectory() && meta.device() == device) {
                directory(childPath, child, device, depth + 1);
            }
        }
    }

    private void stop(String reason) {
        stopped = true;
        out.truncated(reason);
    }

    private void examine(String hostPath, FileMeta meta) {
        if (meta.mode() < 0) {
            return;
        }
        boolean link = meta.kind() == FileMeta.Kind.SYMLINK;
        if (meta.isFile() && meta.worldWritable()) {
            finding("world_writable_file", hostPath, meta, a -> {});
        }
        if (meta.isDirectory() && meta.worldWritable() && !meta.sticky()) {
            finding("world_writable_dir_no_sticky", hostPath, meta, a -> {});
        }
        if (!accounts.knowsUser(meta.uid()) || !accounts.knowsGroup(meta.gid())) {
            finding(
                    "unowned_file",
                    hostPath,
                    meta,
                    a -> a.put("unknownUser", !accounts.knowsUser(meta.uid()))
                            .put("unknownGroup", !accounts.knowsGroup(meta.gid())));
        }
        if (!link && meta.isFile() && meta.setuid()) {
            finding("suid_file", hostPath, meta, a -> {});
        }
        if (!link && meta.isFile() && meta.setgid()) {
            finding("sgid_file", hostPath, meta, a -> {});
        }
    }

    /** Adds the item, with the caller's extra attributes, unless the type's cap is reached. */
    private void finding(String type, String hostPath, FileMeta meta, java.util.function.Consumer<Attrs> extra) {
        int count = findings.merge(type, 1, Integer::sum);
        if (count > maxFindings) {
            if (count == maxFindings + 1) {
                out.truncated("file-system audit: more than " + maxFindings + " " + type + " items; the rest left out");
            }
            return;
        }
        Attrs attrs = Attrs.of()
                .put("kind", meta.kind().label())
                .put("mode", meta.kind() == FileMeta.Kind.SYMLINK ? null : meta.modeString())
                .put("uid", meta.uid())
                .put("gid", meta.gid())
                .put("owner", accounts.user(meta.uid()))
                .put("group", accounts.group(meta.gid()));
        extra.accept(attrs);
        out.item(type, hostPath, attrs);
    }
}

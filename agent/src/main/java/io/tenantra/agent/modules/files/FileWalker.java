package io.tenantra.agent.modules.files;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.FileMeta;
import io.tenantra.agent.modules.HostAccounts;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.Sha256;
import io.tenantra.agent.modules.TextFile;
import io.tenantra.model.Severity;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Walks the configured paths depth-first in sorted name order (so that an entry cap always keeps
 * the same entries), recording every entry and hashing regular files up to the size cap.
 */
final class FileWalker {

    private static final int MAX_DEPTH = 64;
    private static final int MAX_LISTED_FAILURES = 20;
    /** Files whose exposure is a finding in itself, with what must not be allowed. */
    private static final Set<String> SECRET_FILES =
            Set.of("/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-");

    private final ModuleContext ctx;
    private final HostFiles files;
    private final ResultBuilder out;
    private final HashCache cache;
    private final List<String> roots;
    private final long deadlineNanos;
    private final int maxEntries;
    private final HostAccounts accounts;
    private final Sha256 sha = new Sha256();
    private final List<String> failures = new ArrayList<>();
    private int failureCount;
    private int entries;
    private boolean stopped;

    FileWalker(ModuleContext ctx, HashCache cache, List<String> configured, long deadlineNanos, int maxEntries) {
        this.ctx = ctx;
        this.files = ctx.files();
        this.out = ctx.result();
        this.cache = cache;
        this.roots = topLevel(configured);
        this.deadlineNanos = deadlineNanos;
        this.maxEntries = maxEntries;
        this.accounts = HostAccounts.load(files);
    }

    /** Normalised, de-duplicated, and without paths already inside another configured path. */
    static List<String> topLevel(List<String> configured) {
        TreeSet<String> sorted = new TreeSet<>();
        configured.forEach(p -> sorted.add(PathNames.normalize(p)));
        List<String> result = new ArrayList<>();
        for (String path : sorted) {
            if (result.stream().noneMatch(r -> PathNames.isUnder(path, r))) {
                result.add(path);
            }
        }
        return result;
    }

    void walk() throws InterruptedException {
        for (String root : roots) {
            if (stopped) {
                out.truncated("not scanned (limit reached earlier): " + root);
                continue;
            }
            var meta = files.lstat(root);
            if (meta.isEmpty()) {
                out.message("configured path " + root + " does not exist");
                continue;
            }
            if (meta.get().kind() == FileMeta.Kind.SYMLINK) {
                entries++;
                String resolved = symlink(root, meta.get());
                // Follow a configured top-level link once, unless it leads into another configured
                // path (merged /usr: /bin -> usr/bin) or nowhere.
                if (resolved != null
                        && roots.stream().noneMatch(r -> PathNames.isUnder(resolved, r))
                        && files.isDirectory(resolved)) {
                    entry(resolved, 0);
                }
                continue;
            }
            entry(root, 0);
        }
        if (failureCount > 0) {
            out.partial("cannot read " + failureCount + " entr" + (failureCount == 1 ? "y" : "ies") + ": "
                    + String.join(", ", failures) + (failureCount > failures.size() ? ", …" : ""));
        }
    }

    private void entry(String hostPath, int depth) throws InterruptedException {
        ctx.checkCancelled();
        if (stopped) {
            return;
        }
        if (System.nanoTime() > deadlineNanos) {
            stop("time budget exhausted before " + hostPath + "; later entries not scanned");
            return;
        }
        if (entries >= maxEntries) {
            stop("entry cap of " + maxEntries + " reached before " + hostPath + "; later entries not scanned");
            return;
        }
        Path path = files.lexical(hostPath);
        FileMeta meta;
        try {
            meta = HostFiles.meta(hostPath, path);
        } catch (IOException e) {
            failed(hostPath, e);
            return;
        }
        entries++;
        switch (meta.kind()) {
            case SYMLINK -> symlink(hostPath, meta);
            case FILE -> file(hostPath, path, meta);
            case DIRECTORY -> directory(hostPath, path, meta, depth);
            default -> out.item("file", hostPath, base(meta));
        }
    }

    private void stop(String reason) {
        stopped = true;
        out.truncated(reason);
    }

    private void failed(String hostPath, IOException e) {
        failureCount++;
        if (failures.size() < MAX_LISTED_FAILURES) {
            failures.add(hostPath + " (" + HostFiles.classify(e).label() + ")");
        }
    }

    private Attrs base(FileMeta meta) {
        return Attrs.of()
                .put("kind", meta.kind().label())
                .put("mode", meta.modeString())
                .put("uid", meta.uid())
                .put("gid", meta.gid())
                .put("owner", accounts.user(meta.uid()))
                .put("group", accounts.group(meta.gid()))
                .put("mtime", meta.modifiedIso());
    }

    private void directory(String hostPath, Path path, FileMeta meta, int depth) throws InterruptedException {
        out.item(
                "file",
                hostPath,
                base(meta).put("worldWritable", meta.worldWritable()).put("sticky", meta.sticky()));
        flags(hostPath, meta);
        if (depth >= MAX_DEPTH) {
            out.truncated("directory depth limit " + MAX_DEPTH + " reached at " + hostPath);
            return;
        }
        List<String> names = new ArrayList<>();
        try {
            files.checkReadable(hostPath, path);
        } catch (IOException e) {
            failed(hostPath, e);
            return;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
            for (Path child : stream) {
                names.add(child.getFileName().toString());
            }
        } catch (IOException e) {
            failed(hostPath, e);
            return;
        }
        Collections.sort(names);
        for (String name : names) {
            entry(PathNames.join(hostPath, name), depth + 1);
        }
    }

    private void file(String hostPath, Path path, FileMeta meta) {
        Attrs attrs = base(meta)
                .put("size", meta.size())
                .put("suid", meta.setuid())
                .put("sgid", meta.setgid())
                .put("worldWritable", meta.worldWritable());
        if (meta.size() > ctx.limits().maxHashBytes()) {
            attrs.put("hashSkipped", "larger than " + ctx.limits().maxHashBytes() + " bytes");
        } else {
            HashCache.Stamp stamp = new HashCache.Stamp(
                    meta.size(), meta.modified().toEpochMilli(), meta.changed().toEpochMilli(), meta.inode());
            String hash = cache.get(hostPath, stamp);
            if (hash == null) {
                try {
                    files.checkReadable(hostPath, path);
                    hash = sha.file(path);
                    cache.put(hostPath, stamp, hash);
                } catch (IOException e) {
                    failed(hostPath, e);
                    attrs.put("hashSkipped", HostFiles.classify(e).label());
                }
            }
            attrs.put("sha256", hash);
        }
        out.item("file", hostPath, attrs);
        flags(hostPath, meta);
    }

    /** Records a link and resolves its target inside the root; returns the resolved path or null. */
    private String symlink(String hostPath, FileMeta meta) {
        Attrs attrs = Attrs.of() // a link's own mode is always 0777 and means nothing
                .put("kind", meta.kind().label())
                .put("uid", meta.uid())
                .put("gid", meta.gid())
                .put("owner", accounts.user(meta.uid()))
                .put("group", accounts.group(meta.gid()))
                .put("mtime", meta.modifiedIso());
        String target = files.readLink(hostPath).orElse(null);
        attrs.put("target", target);
        String resolved = null;
        try {
            resolved = files.resolveHost(hostPath, true);
            if (!files.exists(resolved) && files.lstat(resolved).isEmpty()) {
                attrs.put("dangling", true);
                resolved = null;
            } else {
                attrs.put("targetResolved", resolved);
            }
        } catch (IOException e) {
            TextFile.Problem problem = HostFiles.classify(e);
            attrs.put(problem == TextFile.Problem.LOOP ? "loop" : "dangling", true);
        }
        out.item("file", hostPath, attrs);
        return resolved;
    }

    private void flags(String hostPath, FileMeta meta) {
        if (meta.worldWritable()) {
            if (meta.isDirectory() && !meta.sticky()) {
                out.risk(
                        Severity.MEDIUM,
                        "files.world_writable",
                        "file",
                        hostPath,
                        "world-writable directory without the sticky bit: anyone may replace its files");
            } else if (meta.isFile()) {
                out.risk(
                        Severity.HIGH,
                        "files.world_writable",
                        "file",
                        hostPath,
                        "world-writable file: anyone may change it");
            }
        }
        if (meta.isFile() && meta.setuid()) {
            out.risk(
                    Severity.LOW,
                    "files.setuid",
                    "file",
                    hostPath,
                    "runs with the rights of its owner " + accounts.user(meta.uid()));
        }
        if (meta.isFile() && meta.setgid()) {
            out.risk(
                    Severity.INFO,
                    "files.setgid",
                    "file",
                    hostPath,
                    "runs with the rights of its group " + accounts.group(meta.gid()));
        }
        if (meta.uid() >= 0 && (!accounts.knowsUser(meta.uid()) || !accounts.knowsGroup(meta.gid()))) {
            out.risk(Severity.LOW, "files.unowned", "file", hostPath, "owner or group has no account on this host");
        }
        if (SECRET_FILES.contains(hostPath) && meta.worldReadable()) {
            out.risk(
                    Severity.HIGH, "files.secret_readable", "file", hostPath, "password hashes readable by every user");
        }
        if (hostPath.startsWith("/etc/ssh/ssh_host_") && hostPath.endsWith("_key") && (meta.mode() & 077) != 0) {
            out.risk(
                    Severity.HIGH,
                    "files.secret_readable",
                    "file",
                    hostPath,
                    "SSH host private key readable by group or others");
        }
    }
}

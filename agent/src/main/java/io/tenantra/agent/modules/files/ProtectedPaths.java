package io.tenantra.agent.modules.files;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.FileMeta;
import io.tenantra.agent.modules.FileModes;
import io.tenantra.agent.modules.HostAccounts;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.ResultBuilder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * Modes of the paths whose protection baselines check by name: every file below {@code /var/log}
 * ({@code log_file_mode}, bounded) and the boot directory and boot loader configuration ({@code
 * file_mode} for {@code /boot}, {@code /boot/grub}, {@code /boot/grub2}, their {@code grub.cfg},
 * {@code user.cfg}, {@code grubenv} and the EFI {@code grub.cfg} of each distribution).
 */
final class ProtectedPaths {

    static final int MAX_LOG_FILES = 20_000;
    private static final int MAX_LOG_DEPTH = 8;
    static final List<String> BOOT = List.of(
            "/boot",
            "/boot/grub",
            "/boot/grub/grub.cfg",
            "/boot/grub/grubenv",
            "/boot/grub/user.cfg",
            "/boot/grub2",
            "/boot/grub2/grub.cfg",
            "/boot/grub2/grubenv",
            "/boot/grub2/user.cfg");

    private ProtectedPaths() {}

    static void collect(ModuleContext ctx) throws InterruptedException {
        HostAccounts accounts = HostAccounts.load(ctx.files());
        boot(ctx, accounts);
        logs(ctx, accounts);
    }

    private static void boot(ModuleContext ctx, HostAccounts accounts) {
        List<String> paths = new ArrayList<>(BOOT);
        for (String distro : ctx.files().list("/boot/efi/EFI").names()) {
            paths.add("/boot/efi/EFI/" + distro + "/grub.cfg");
        }
        for (String path : paths) {
            Attrs attrs = FileModes.attrs(ctx.files(), accounts, path);
            // /boot is always reported (its absence is a fact); the loader files only where they exist.
            if (path.equals("/boot") || Boolean.TRUE.equals(attrs.map().get("exists"))) {
                ctx.result().item("file_mode", path, attrs);
            }
        }
    }

    private static void logs(ModuleContext ctx, HostAccounts accounts) throws InterruptedException {
        ResultBuilder out = ctx.result();
        HostFiles files = ctx.files();
        Deque<String[]> pending = new ArrayDeque<>();
        pending.push(new String[] {"/var/log", "0"});
        int count = 0;
        while (!pending.isEmpty()) {
            ctx.checkCancelled();
            String[] next = pending.pop();
            String dir = next[0];
            int depth = Integer.parseInt(next[1]);
            HostFiles.Listing listing = files.list(dir);
            out.note(listing);
            List<String> subdirs = new ArrayList<>();
            for (String name : listing.names()) {
                String path = PathNames.join(dir, name);
                Optional<FileMeta> meta = files.lstat(path);
                if (meta.isEmpty()) {
                    continue;
                }
                FileMeta m = meta.get();
                if (m.isDirectory()) {
                    if (depth + 1 < MAX_LOG_DEPTH) {
                        subdirs.add(path);
                    }
                    continue;
                }
                if (!m.isFile()) {
                    continue;
                }
                if (++count > MAX_LOG_FILES) {
                    out.truncated("more than " + MAX_LOG_FILES + " files below /var/log; the rest left out");
                    return;
                }
                out.item(
                        "log_file_mode",
                        path,
                        Attrs.of()
                                .put("mode", m.modeString())
                                .put("uid", m.uid())
                                .put("gid", m.gid())
                                .put("owner", accounts.user(m.uid()))
                                .put("group", accounts.group(m.gid())));
            }
            // Depth-first in sorted order: push in reverse so the first name is walked first.
            for (int i = subdirs.size() - 1; i >= 0; i--) {
                pending.push(new String[] {subdirs.get(i), Integer.toString(depth + 1)});
            }
        }
    }
}

package io.tenantra.agent.modules.users;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.FileMeta;
import io.tenantra.agent.modules.HostAccounts;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.ResultBuilder;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Home directories of accounts that can log in ({@code home_directory}: exists, owner, mode) and
 * the dot-files in them that baselines look at ({@code home_dotfile}): {@code .rhosts}, {@code
 * .netrc}, {@code .forward} and {@code .bash_history} whenever present, and any other dot-file
 * writable by group or others. Only the first {@value #MAX_ENTRIES_PER_HOME} names of a home are
 * looked at, so a home with millions of files cannot stall the module.
 */
final class Homes {

    static final Set<String> ALWAYS_REPORTED = Set.of(".rhosts", ".netrc", ".forward", ".bash_history", ".shosts");
    static final int MAX_ENTRIES_PER_HOME = 5_000;

    private Homes() {}

    static void collect(ModuleContext ctx, List<UsersModule.Account> accounts) throws InterruptedException {
        ResultBuilder out = ctx.result();
        HostAccounts names = HostAccounts.load(ctx.files());
        for (UsersModule.Account account : accounts) {
            ctx.checkCancelled();
            String home = PathNames.normalize(account.home());
            Optional<FileMeta> meta = ctx.files().stat(home);
            Attrs attrs =
                    Attrs.of().put("user", account.name()).put("path", home).put("exists", meta.isPresent());
            if (meta.isEmpty()) {
                out.item("home_directory", account.name(), attrs);
                continue;
            }
            FileMeta m = meta.get();
            attrs.put("kind", m.kind().label())
                    .put("mode", m.modeString())
                    .put("uid", m.uid())
                    .put("owner", names.user(m.uid()))
                    .put("group", names.group(m.gid()))
                    .put("ownedByUser", m.uid() == account.uid())
                    .put("groupWritable", m.groupWritable())
                    .put("worldWritable", m.worldWritable());
            out.item("home_directory", account.name(), attrs);
            // "/" as a home (some service accounts) is no place to look for dot-files.
            if (m.isDirectory() && !home.equals("/")) {
                dotfiles(ctx, names, account, home);
            }
        }
    }

    private static void dotfiles(ModuleContext ctx, HostAccounts names, UsersModule.Account account, String home) {
        HostFiles.Listing listing = ctx.files().list(home);
        ctx.result().note(listing);
        List<String> entries = listing.names();
        if (entries.size() > MAX_ENTRIES_PER_HOME) {
            ctx.result()
                    .skip(home + " has " + entries.size() + " entries; only the first " + MAX_ENTRIES_PER_HOME
                            + " looked at");
            entries = entries.subList(0, MAX_ENTRIES_PER_HOME);
        }
        for (String name : entries) {
            if (!name.startsWith(".") || name.equals(".") || name.equals("..")) {
                continue;
            }
            String path = PathNames.join(home, name);
            Optional<FileMeta> meta = ctx.files().lstat(path);
            if (meta.isEmpty()) {
                continue;
            }
            FileMeta m = meta.get();
            boolean writable = m.kind() != FileMeta.Kind.SYMLINK && (m.groupWritable() || m.worldWritable());
            if (!ALWAYS_REPORTED.contains(name) && !writable) {
                continue;
            }
            ctx.result()
                    .item(
                            "home_dotfile",
                            path,
                            Attrs.of()
                                    .put("user", account.name())
                                    .put("name", name)
                                    .put("kind", m.kind().label())
                                    .put("mode", m.kind() == FileMeta.Kind.SYMLINK ? null : m.modeString())
                                    .put("uid", m.uid())
                                    .put("owner", names.user(m.uid()))
                                    .put("ownedByUser", m.uid() == account.uid())
                                    // a link's own mode is always 0777 and means nothing
                                    .put("groupWritable", m.kind() == FileMeta.Kind.SYMLINK ? null : m.groupWritable())
                                    .put(
                                            "worldWritable",
                                            m.kind() == FileMeta.Kind.SYMLINK ? null : m.worldWritable()));
        }
    }
}

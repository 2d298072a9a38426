package io.tenantra.agent.modules.packages;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;

/**
 * Homebrew on macOS: every installed formula is a directory {@code Cellar/<name>/<version>} and
 * every cask {@code Caskroom/<name>/<version>}, under {@code /opt/homebrew} (Apple silicon) or
 * {@code /usr/local} (Intel). Reading the directories needs no {@code brew} process.
 */
final class Homebrew {

    private Homebrew() {}

    static int collect(ModuleContext ctx) {
        int found = 0;
        for (String prefix : new String[] {"/opt/homebrew", "/usr/local"}) {
            found += kind(ctx, prefix + "/Cellar", "brew");
            found += kind(ctx, prefix + "/Caskroom", "brew-cask");
        }
        return found > 0 ? 1 : 0;
    }

    private static int kind(ModuleContext ctx, String dir, String manager) {
        HostFiles.Listing names = ctx.files().list(dir);
        if (!ctx.result().note(names)) {
            return 0;
        }
        for (String name : names.names()) {
            if (name.startsWith(".")) {
                continue;
            }
            for (String version : ctx.files().list(dir + "/" + name).names()) {
                if (!version.startsWith(".")) {
                    ctx.result()
                            .item(
                                    "package",
                                    manager + ":" + name + ":" + version,
                                    Attrs.of()
                                            .put("manager", manager)
                                            .put("name", name)
                                            .put("version", version));
                }
            }
        }
        return 1;
    }
}

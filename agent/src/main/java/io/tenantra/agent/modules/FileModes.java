package io.tenantra.agent.modules;

import java.util.Optional;

/**
 * The owner and permission facts of one path as item attributes, shared by the collectors that
 * report a file's protection rather than its content (cron access files, banners, boot files).
 * Follows links, as the program reading the file would; a missing path is {@code exists: false}.
 */
public final class FileModes {

    private FileModes() {}

    public static Attrs attrs(HostFiles files, HostAccounts accounts, String hostPath) {
        Optional<FileMeta> meta = files.stat(hostPath);
        if (meta.isEmpty()) {
            return Attrs.of().put("exists", false);
        }
        FileMeta m = meta.get();
        return Attrs.of()
                .put("exists", true)
                .put("kind", m.kind().label())
                .put("mode", m.modeString())
                .put("uid", m.uid())
                .put("gid", m.gid())
                .put("owner", accounts.user(m.uid()))
                .put("group", accounts.group(m.gid()));
    }
}

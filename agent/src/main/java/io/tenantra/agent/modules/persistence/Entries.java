package io.tenantra.agent.modules.persistence;

import io.tenantra.agent.modules.Attrs;
import io.tenantra.agent.modules.FileMeta;
import io.tenantra.agent.modules.HostAccounts;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.ResultBuilder;
import io.tenantra.agent.modules.Texts;
import io.tenantra.model.Severity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Shared item and risk emission for persistence entries, so every source reports alike. */
final class Entries {

    private final ModuleContext ctx;
    private final ResultBuilder out;
    private final HostAccounts accounts;
    private final Map<String, Integer> ordinals = new HashMap<>();

    Entries(ModuleContext ctx) {
        this.ctx = ctx;
        this.out = ctx.result();
        this.accounts = HostAccounts.load(ctx.files());
    }

    HostAccounts accounts() {
        return accounts;
    }

    /**
     * A key built from what the entry is (source, schedule, user, command) rather than its line
     * number, so that editing one line of a crontab does not re-key every entry below it.
     */
    String key(String source, String what) {
        String base = source + ": " + Texts.truncate(Texts.squash(what), 400);
        int n = ordinals.merge(base, 1, Integer::sum);
        return n == 1 ? base : base + " #" + n;
    }

    /** File facts shared by every entry read from a file. */
    Attrs fileAttrs(FileMeta meta) {
        Attrs attrs = Attrs.of();
        if (meta != null) {
            attrs.put("fileMtime", meta.modifiedIso())
                    .put("fileOwner", accounts.user(meta.uid()))
                    .put("fileMode", meta.modeString());
        }
        return attrs;
    }

    void emit(String type, String key, Attrs attrs, String command, FileMeta meta) {
        List<String> reasons = command == null ? List.of() : Suspicious.reasons(command);
        if (!reasons.isEmpty()) {
            attrs.putList("suspicious", reasons);
            out.risk(
                    Severity.MEDIUM,
                    "persistence.suspicious_command",
                    type,
                    key,
                    "command looks like " + String.join(", ", reasons));
        }
        out.item(type, key, attrs);
        writable(type, key, meta);
    }

    /** An entry anyone can edit is a free persistence slot, often with root's rights. */
    void writable(String type, String key, FileMeta meta) {
        if (meta != null && !meta.isDirectory() && meta.kind() != FileMeta.Kind.SYMLINK && meta.worldWritable()) {
            out.risk(
                    Severity.HIGH,
                    "persistence.writable_entry",
                    type,
                    key,
                    "file is world-writable (" + meta.modeString() + ")");
        }
    }

    ModuleContext ctx() {
        return ctx;
    }
}

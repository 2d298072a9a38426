package io.tenantra.agent.modules;

import io.tenantra.model.Item;
import io.tenantra.model.ModuleExecution;
import io.tenantra.model.ModuleResult;
import io.tenantra.model.ModuleStatus;
import io.tenantra.model.Risk;
import io.tenantra.model.Severity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Collects a module's output as it runs. Thread-safe, because the runner snapshots it from
 * another thread when the module passes its deadline; once {@link #seal() sealed}, late additions
 * from a module that ignored its cancellation are dropped.
 *
 * <p>Two kinds of notes: {@link #partial(String) messages} are stable facts about what could not be
 * read (part of the result drift compares), {@link #skip(String) skipped} entries go to the
 * execution record and may vary (time budgets, process ids).
 */
public final class ResultBuilder {

    private final Map<String, Item> items = new TreeMap<>();
    private final Map<String, Risk> risks = new TreeMap<>();
    private final Set<String> messages = new LinkedHashSet<>();
    private final Set<String> skipped = new LinkedHashSet<>();
    private boolean partial;
    private boolean truncated;
    private String notApplicable;
    private boolean sealed;
    private int duplicates;

    /** Adds an item; a second item with the same type and key is dropped and counted. */
    public synchronized ResultBuilder item(String type, String key, Attrs attrs) {
        return item(new Item(type, key, attrs.map()));
    }

    public synchronized ResultBuilder item(Item item) {
        if (sealed) {
            return this;
        }
        String id = item.type() + "\u0000" + item.key();
        if (items.putIfAbsent(id, item) != null) {
            duplicates++;
        }
        return this;
    }

    public synchronized boolean hasItem(String type, String key) {
        return items.containsKey(type + "\u0000" + key);
    }

    public synchronized int itemCount() {
        return items.size();
    }

    /** Flags an item. */
    public synchronized ResultBuilder risk(
            Severity severity, String code, String itemType, String itemKey, String reason) {
        if (!sealed) {
            risks.putIfAbsent(
                    code + "\u0000" + itemType + "\u0000" + itemKey,
                    new Risk(severity, code, itemType, itemKey, reason));
        }
        return this;
    }

    /** A stable human-readable note that does not make the result partial. */
    public synchronized ResultBuilder message(String message) {
        if (!sealed) {
            messages.add(message);
        }
        return this;
    }

    /** Something the module should have read but could not: the result becomes partial. */
    public synchronized ResultBuilder partial(String message) {
        if (!sealed) {
            partial = true;
            messages.add(message);
        }
        return this;
    }

    /** Something skipped for a reason that may vary between runs; goes to the execution record. */
    public synchronized ResultBuilder skip(String reason) {
        if (!sealed) {
            skipped.add(reason);
        }
        return this;
    }

    /** The module stopped early at a limit of its own (files budget, entry cap). */
    public synchronized ResultBuilder truncated(String reason) {
        if (!sealed) {
            truncated = true;
            partial = true;
            skipped.add(reason);
        }
        return this;
    }

    /** The module does not apply to this host (feature absent). */
    public synchronized ResultBuilder notApplicable(String reason) {
        if (!sealed) {
            notApplicable = reason;
        }
        return this;
    }

    /** Records a file that could not be read or was cut at the size cap. */
    public synchronized boolean note(TextFile file) {
        if (file.failedBadly()) {
            partial("cannot read " + file.describeProblem());
            return false;
        }
        if (file.truncated()) {
            partial("read only the first part of " + file.path() + ": larger than the size cap");
        }
        return file.ok();
    }

    /** Records a directory that exists but could not be listed. */
    public synchronized boolean note(HostFiles.Listing listing) {
        if (listing.failedBadly()) {
            partial("cannot list " + listing.path() + ": " + listing.problem().label());
            return false;
        }
        return listing.ok();
    }

    synchronized void seal() {
        sealed = true;
    }

    public ModuleResult build(ScanModule module) {
        return build(module.name(), module.version());
    }

    public synchronized ModuleResult build(String module, String version) {
        List<String> skippedNotes = new ArrayList<>(skipped);
        if (duplicates > 0) {
            skippedNotes.add(duplicates + " duplicate item(s) dropped (same type and key)");
        }
        ModuleStatus status =
                notApplicable != null ? ModuleStatus.NOT_APPLICABLE : partial ? ModuleStatus.PARTIAL : ModuleStatus.OK;
        List<String> notes = new ArrayList<>();
        if (notApplicable != null) {
            notes.add(notApplicable);
        }
        notes.addAll(messages);
        return new ModuleResult(
                module,
                version,
                status,
                new ArrayList<>(items.values()),
                new ArrayList<>(risks.values()),
                notes,
                new ModuleExecution(null, 0, false, truncated, skippedNotes));
    }
}

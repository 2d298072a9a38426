package io.tenantra.agent.modules.services;

import io.tenantra.agent.modules.FileMeta;
import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.ModuleContext;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.TextFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds systemd unit files the way systemd does: the first directory in precedence order that has
 * a unit wins ({@code /etc} over {@code /run} over the vendor directories); drop-ins
 * ({@code <unit>.d/*.conf}) from every directory apply in file-name order. Enablement is derived
 * from the {@code *.wants}/{@code *.requires} links, so it is known even where systemd is not
 * running (containers, images). Used by the services and persistence modules.
 */
public final class SystemdUnits {

    public static final List<String> DIRS = List.of(
            "/etc/systemd/system",
            "/run/systemd/system",
            "/usr/local/lib/systemd/system",
            "/usr/lib/systemd/system",
            "/lib/systemd/system");

    /** One unit as found on disk. */
    public record Unit(
            String name,
            String path,
            boolean masked,
            UnitFile file,
            List<String> dropIns,
            FileMeta meta,
            String enabled) {}

    private final ModuleContext ctx;
    private final Map<String, Unit> units = new TreeMap<>();
    private final Map<String, TreeSet<String>> wantedBy = new TreeMap<>();

    private SystemdUnits(ModuleContext ctx) {
        this.ctx = ctx;
    }

    /** Loads every unit whose name ends with one of {@code suffixes}. */
    public static SystemdUnits load(ModuleContext ctx, List<String> suffixes) throws InterruptedException {
        SystemdUnits result = new SystemdUnits(ctx);
        result.scanWants();
        result.scanUnits(suffixes);
        return result;
    }

    public Map<String, Unit> units() {
        return units;
    }

    private void scanWants() {
        HostFiles files = ctx.files();
        // Only administrator links count as "enabled"; vendor *.wants links make a unit static.
        for (String dir : List.of("/etc/systemd/system", "/run/systemd/system")) {
            for (String entry : files.list(dir).names()) {
                if (entry.endsWith(".wants") || entry.endsWith(".requires")) {
                    String target = entry.substring(0, entry.lastIndexOf('.'));
                    for (String linked : files.list(dir + "/" + entry).names()) {
                        wantedBy.computeIfAbsent(linked, k -> new TreeSet<>()).add(target);
                        int at = linked.indexOf('@');
                        if (at > 0 && !linked.substring(at + 1).startsWith(".")) {
                            // getty@tty1.service enables the template getty@.service
                            String template = linked.substring(0, at + 1) + linked.substring(linked.lastIndexOf('.'));
                            wantedBy.computeIfAbsent(template, k -> new TreeSet<>())
                                    .add(target);
                        }
                    }
                }
            }
        }
    }

    private void scanUnits(List<String> suffixes) throws InterruptedException {
        HostFiles files = ctx.files();
        List<String> seenDirs = new ArrayList<>();
        for (String dir : DIRS) {
            // On merged-/usr systems /lib is a link to /usr/lib: read each real directory once.
            String real;
            try {
                real = files.resolveHost(dir, true);
            } catch (java.io.IOException e) {
                continue;
            }
            if (seenDirs.contains(real)) {
                continue;
            }
            seenDirs.add(real);
            HostFiles.Listing listing = files.list(dir);
            ctx.result().note(listing);
            for (String name : listing.names()) {
                ctx.checkCancelled();
                if (units.containsKey(name) || suffixes.stream().noneMatch(name::endsWith)) {
                    continue;
                }
                String path = dir + "/" + name;
                Optional<FileMeta> meta = files.lstat(path);
                if (meta.isEmpty() || meta.get().isDirectory()) {
                    continue;
                }
                boolean masked = false;
                if (meta.get().kind() == FileMeta.Kind.SYMLINK) {
                    String target = files.readLink(path).orElse("");
                    if (target.equals("/dev/null")) {
                        masked = true;
                    } else if (!PathNames.fileName(target).equals(name)) {
                        continue; // an alias (Alias= link); the real unit is listed under its own name
                    }
                }
                UnitFile file = new UnitFile();
                List<String> dropIns = new ArrayList<>();
                if (!masked) {
                    TextFile text = files.read(path, 1024 * 1024);
                    ctx.result().note(text);
                    file.apply(text.lines());
                    for (String dropIn : dropIns(name)) {
                        TextFile d = files.read(dropIn, 1024 * 1024);
                        ctx.result().note(d);
                        file.apply(d.lines());
                        dropIns.add(dropIn);
                    }
                }
                units.put(
                        name,
                        new Unit(
                                name,
                                path,
                                masked,
                                file,
                                dropIns,
                                files.stat(path).orElse(meta.get()),
                                enabled(name, masked, file)));
            }
        }
    }

    private List<String> dropIns(String unit) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (String dir : DIRS) {
            for (String conf : ctx.files().list(dir + "/" + unit + ".d").names()) {
                if (conf.endsWith(".conf")) {
                    byName.putIfAbsent(conf, dir + "/" + unit + ".d/" + conf);
                }
            }
        }
        return new TreeMap<>(byName).values().stream().toList();
    }

    private String enabled(String name, boolean masked, UnitFile file) {
        if (masked) {
            return "masked";
        }
        if (wantedBy.containsKey(name)) {
            return "enabled";
        }
        boolean installable = !file.all("Install", "WantedBy").isEmpty()
                || !file.all("Install", "RequiredBy").isEmpty()
                || !file.all("Install", "Alias").isEmpty()
                || !file.all("Install", "Also").isEmpty();
        return installable ? "disabled" : "static";
    }

    /** Targets whose .wants/.requires link to the unit. */
    public List<String> wantedBy(String unit) {
        return new ArrayList<>(wantedBy.getOrDefault(unit, new TreeSet<>()));
    }
}

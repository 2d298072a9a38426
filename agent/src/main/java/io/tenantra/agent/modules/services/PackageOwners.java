package io.tenantra.agent.modules.services;

import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.PathNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which dpkg package installed a file, from {@code /var/lib/dpkg/info/*.list}, restricted to the
 * directories the caller cares about (unit files, init scripts) to stay small. A unit or script
 * no package owns was put there by hand or by a script: "unknown" in the issue's words.
 */
public final class PackageOwners {

    private final Map<String, String> owners = new HashMap<>();
    private final boolean available;

    private PackageOwners(boolean available) {
        this.available = available;
    }

    public static PackageOwners load(HostFiles files, List<String> prefixes) {
        String info = "/var/lib/dpkg/info";
        HostFiles.Listing listing = files.list(info);
        PackageOwners result =
                new PackageOwners(listing.ok() && !listing.names().isEmpty());
        for (String name : listing.names()) {
            if (!name.endsWith(".list")) {
                continue;
            }
            String pkg = name.substring(0, name.length() - 5);
            int colon = pkg.indexOf(':');
            String packageName = colon > 0 ? pkg.substring(0, colon) : pkg;
            files.forEachLine(info + "/" + name, 16L * 1024 * 1024, line -> {
                if (prefixes.stream().anyMatch(line::startsWith)) {
                    result.owners.putIfAbsent(canonical(line), packageName);
                }
            });
        }
        return result;
    }

    /** dpkg lists /lib/... on merged-/usr systems where the file is reached as /usr/lib/... too. */
    private static String canonical(String path) {
        String p = PathNames.normalize(path);
        return p.startsWith("/usr/lib/") ? p.substring(4) : p;
    }

    /** True when a package database was found at all (otherwise ownership is unknown). */
    public boolean available() {
        return available;
    }

    public String owner(String path) {
        return owners.get(canonical(path));
    }
}

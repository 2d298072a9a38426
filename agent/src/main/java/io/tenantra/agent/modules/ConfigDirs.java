package io.tenantra.agent.modules;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The drop-in directory rule of systemd and kmod ({@code sysctl.d(5)}, {@code modprobe.d(5)},
 * {@code coredump.conf(5)}): files from several directories are applied in the lexical order of
 * their file names, and a file name present in a higher-priority directory ({@code /etc} before
 * {@code /run} before {@code /usr/lib}) hides the same name in the others. Collectors use this so
 * that a saved setting is attributed to the file that really wins.
 */
public final class ConfigDirs {

    private ConfigDirs() {}

    /**
     * The files that take effect, in the order they are applied.
     *
     * @param dirs directories from highest to lowest priority
     * @param suffix only names ending in it count ({@code .conf})
     */
    public static List<String> effective(HostFiles files, ResultBuilder out, List<String> dirs, String suffix) {
        Map<String, String> byName = new TreeMap<>();
        for (String dir : dirs) {
            HostFiles.Listing listing = files.list(dir);
            out.note(listing);
            for (String name : listing.names()) {
                if (name.endsWith(suffix) && !name.startsWith(".")) {
                    byName.putIfAbsent(name, PathNames.join(dir, name));
                }
            }
        }
        return new ArrayList<>(byName.values());
    }
}

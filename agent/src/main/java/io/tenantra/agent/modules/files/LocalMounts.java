package io.tenantra.agent.modules.files;

import io.tenantra.agent.modules.HostFiles;
import io.tenantra.agent.modules.PathNames;
import io.tenantra.agent.modules.TextFile;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The mount points of local, disk-backed file systems from {@code /proc/mounts}: where the
 * file-system audit walks. Pseudo file systems (proc, sysfs, cgroup…) and network ones (nfs, cifs,
 * sshfs…) are left out by an allow-list of local types; tmpfs counts only for the shared temporary
 * directories {@code /tmp}, {@code /var/tmp} and {@code /dev/shm}, where any user can leave files.
 */
final class LocalMounts {

    static final Set<String> LOCAL_TYPES = Set.of(
            "ext2",
            "ext3",
            "ext4",
            "xfs",
            "btrfs",
            "zfs",
            "f2fs",
            "jfs",
            "reiserfs",
            "bcachefs",
            "vfat",
            "exfat",
            "ntfs",
            "ntfs3",
            "overlay",
            "squashfs",
            "nilfs2",
            "hfsplus",
            "apfs");
    static final Set<String> SHARED_TEMP = Set.of("/tmp", "/var/tmp", "/dev/shm");

    private LocalMounts() {}

    /** Sorted mount points, each once; {@code /} when the mount table cannot be read. */
    static List<String> points(HostFiles files) {
        TextFile mounts = files.read("/proc/mounts", 4L * 1024 * 1024);
        Set<String> points = new TreeSet<>();
        for (String line : mounts.lines()) {
            String[] f = line.strip().split("\\s+");
            if (f.length < 3) {
                continue;
            }
            String point = PathNames.normalize(PathNames.unescapeMountField(f[1]));
            if (LOCAL_TYPES.contains(f[2]) || (f[2].equals("tmpfs") && SHARED_TEMP.contains(point))) {
                points.add(point);
            }
        }
        if (points.isEmpty()) {
            points.add("/");
        }
        return List.copyOf(points);
    }
}

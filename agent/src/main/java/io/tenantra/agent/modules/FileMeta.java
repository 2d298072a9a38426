package io.tenantra.agent.modules;

import java.time.Instant;

/**
 * What {@code lstat} says about one path.
 *
 * @param mode the full st_mode permission bits including setuid (04000), setgid (02000) and
 *     sticky (01000); -1 when the platform does not say
 * @param changed inode change time (ctime), which user space cannot set back
 */
public record FileMeta(
        String path,
        Kind kind,
        long size,
        int mode,
        int uid,
        int gid,
        Instant modified,
        Instant changed,
        long inode,
        long device) {

    public enum Kind {
        FILE,
        DIRECTORY,
        SYMLINK,
        OTHER;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean isFile() {
        return kind == Kind.FILE;
    }

    public boolean isDirectory() {
        return kind == Kind.DIRECTORY;
    }

    public boolean setuid() {
        return mode >= 0 && (mode & 04000) != 0;
    }

    public boolean setgid() {
        return mode >= 0 && (mode & 02000) != 0;
    }

    public boolean sticky() {
        return mode >= 0 && (mode & 01000) != 0;
    }

    public boolean worldWritable() {
        return mode >= 0 && (mode & 02) != 0;
    }

    public boolean worldReadable() {
        return mode >= 0 && (mode & 04) != 0;
    }

    public boolean groupWritable() {
        return mode >= 0 && (mode & 020) != 0;
    }

    /** Permission bits as a four-digit octal string, e.g. {@code 4755}. */
    public String modeString() {
        return mode < 0 ? "unknown" : String.format("%04o", mode & 07777);
    }

    /** Modification time cut to seconds: sub-second precision varies by file system. */
    public String modifiedIso() {
        return modified == null
                ? null
                : Instant.ofEpochSecond(modified.getEpochSecond()).toString();
    }
}

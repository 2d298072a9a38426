package io.tenantra.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Key files in the data directory are readable by the server's own user only, and the directories
 * that hold what the server trusts (data, keys, database binaries) are writable by nobody else:
 * whoever can write there can replace a key or a program the server runs.
 */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {}

    /**
     * Writes {@code text} to {@code file} (mode 0600), creating its directory. Written beside it and
     * moved into place atomically, so a crash never leaves half a key that the next start would refuse.
     */
    public static void writeAtomically(Path file, String text) throws IOException {
        requireSafeDirectory(file.getParent());
        Path temporary =
                Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            restrict(temporary);
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Sets mode 0600 where the file system has POSIX permissions. */
    public static void restrict(Path file) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return; // e.g. Windows: the data directory's own ACL protects it
        }
        if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    /**
     * Creates {@code dir} (mode 0700) if it is missing, and refuses it, with a message that says
     * how to fix it, if other users may write to it.
     */
    public static Path requireSafeDirectory(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!posix()) {
            Files.createDirectories(absolute);
            return absolute;
        }
        if (!Files.isDirectory(absolute)) {
            Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(absolute);
        if (permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new UnsafeDirectoryException(absolute, PosixFilePermissions.toString(permissions));
        }
        return absolute;
    }

    /**
     * Creates {@code dir} if missing and (re)sets it to mode 0700, for a directory this server owns
     * outright and whose contents it verifies itself (the database programs, whose library grants
     * everyone write access on each start). Fails if this user may not change its mode.
     */
    public static Path ownerOnlyDirectory(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!posix()) {
            Files.createDirectories(absolute);
            return absolute;
        }
        if (!Files.isDirectory(absolute)) {
            Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        }
        if (!Files.getPosixFilePermissions(absolute).equals(OWNER_ONLY_DIRECTORY)) {
            Files.setPosixFilePermissions(absolute, OWNER_ONLY_DIRECTORY);
        }
        return absolute;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** A directory the server trusts is writable by other users; the server refuses to start. */
    public static final class UnsafeDirectoryException extends IllegalStateException {
        UnsafeDirectoryException(Path dir, String mode) {
            super("The directory " + dir + " is writable by other users (" + mode + "); anyone on this machine"
                    + " could replace the keys or programs the server trusts. Run: chmod o-w " + dir);
        }
    }
}

package io.tenantra.database;

import io.tenantra.platform.OwnerOnlyFiles;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the embedded PostgreSQL's programs live, and the proof that they are the ones extracted.
 * The library would otherwise extract them into {@code /tmp/embedded-pg}, a directory it makes
 * writable by every user and shares between every process on the machine, so any local user could
 * replace a program this server then runs. Here they go into an owner-only directory (by default
 * {@code <data dir>/postgres-bin}, mode 0700). After the first extraction a manifest records
 * every file's SHA-256 and every link's target; before each later start the tree is checked
 * against it, and the server refuses to start if anything was changed, added or made writable by
 * others. A tree without a manifest (an extraction cut short) is removed and extracted again.
 */
final class PostgresBinaries {

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);
    // Files the library itself writes beside the programs: markers, never executed.
    private static final Set<String> LIBRARY_MARKERS = Set.of(".exists", "epg-lock");

    private PostgresBinaries() {}

    /**
     * The resolver to give the library: one per directory, so the library's in-process cache
     * (keyed by resolver) never hands out programs from another directory.
     */
    record Archive(Path directory) implements PgBinaryResolver {
        @Override
        public InputStream getPgBinary(String system, String architecture) throws IOException {
            return DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture);
        }
    }

    /** Makes {@code directory} owner-only and checks what is already extracted there. */
    static Archive prepare(Path directory) {
        try {
            Path root = OwnerOnlyFiles.ownerOnlyDirectory(directory);
            for (Path tree : trees(root)) {
                Path manifest = manifestOf(tree);
                if (!Files.exists(manifest)) {
                    log.info("Removing an unverified PostgreSQL extraction in {}", tree);
                    deleteTree(tree);
                } else if (!Files.readString(manifest).equals(manifest(tree))) {
                    throw new IllegalStateException("The embedded PostgreSQL programs in " + tree
                            + " differ from those extracted there (see " + manifest + "): refusing to run them."
                            + " Remove the directory to extract them afresh, and find out who changed them.");
                }
            }
            return new Archive(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not check the embedded PostgreSQL programs in " + directory, e);
        }
    }

    /**
     * After a start: records the manifest of a fresh extraction and takes back the write access
     * the library grants everyone on the directory.
     */
    static void seal(Archive archive) {
        try {
            Path root = OwnerOnlyFiles.ownerOnlyDirectory(archive.directory());
            for (Path tree : trees(root)) {
                Path manifest = manifestOf(tree);
                if (!Files.exists(manifest)) {
                    OwnerOnlyFiles.writeAtomically(manifest, manifest(tree));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not record the embedded PostgreSQL programs", e);
        }
    }

    private static List<Path> trees(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("PG-")
                            && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .toList();
        }
    }

    private static Path manifestOf(Path tree) {
        return tree.resolveSibling(tree.getFileName() + ".sha256");
    }

    /** One line per entry, sorted: "F <sha256> <path>", "L <target> <path>", "D <path>". */
    static String manifest(Path tree) throws IOException {
        TreeMap<String, String> lines = new TreeMap<>();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try (Stream<Path> entries = Files.walk(tree)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = tree.relativize(entry).toString().replace('\\', '/');
                if (name.isEmpty() || LIBRARY_MARKERS.contains(name)) {
                    continue;
                }
                if (posix && !Files.isSymbolicLink(entry)) {
                    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS);
                    if (mode.contains(PosixFilePermission.OTHERS_WRITE)
                            || mode.contains(PosixFilePermission.GROUP_WRITE)) {
                        throw new IllegalStateException("The embedded PostgreSQL program file " + entry
                                + " is writable by other users: refusing to run it.");
                    }
                }
                if (Files.isSymbolicLink(entry)) {
                    lines.put(name, "L " + Files.readSymbolicLink(entry) + " " + name);
                } else if (Files.isDirectory(entry)) {
                    lines.put(name, "D " + name);
                } else {
                    lines.put(name, "F " + sha256(entry) + " " + name);
                }
            }
        }
        return String.join("\n", lines.values()) + "\n";
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        try (Stream<Path> entries = Files.walk(tree)) {
            for (Path entry :
                    entries.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(entry);
            }
        }
    }
}

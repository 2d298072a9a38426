package io.tenantra.agent.modules;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The host's file system as seen from an injectable root directory. Every path a module asks for
 * is an absolute host path ({@code /etc/passwd}); this class maps it below {@link #root()}, so the
 * same collector reads the real host with root {@code /} and a fixture tree in tests.
 *
 * <p>With a root other than {@code /}, symbolic links are resolved here, component by component,
 * the way the kernel would inside a chroot: absolute targets restart at the root and {@code ..}
 * never climbs above it, so a fixture (or a mounted disk image) cannot make a collector read the
 * machine running the tests. More than 40 links in one resolution is reported as a loop, as ELOOP.
 */
public class HostFiles {

    private static final int MAX_LINKS = 40;

    private final Path root;
    private final boolean hostRoot;
    private final long maxFileBytes;

    public HostFiles(Path root, long maxFileBytes) {
        this.root = root.toAbsolutePath().normalize();
        this.hostRoot = this.root.getParent() == null;
        this.maxFileBytes = maxFileBytes;
    }

    public Path root() {
        return root;
    }

    /** True when reading the real host (root {@code /}). */
    public boolean isHostRoot() {
        return hostRoot;
    }

    public long maxFileBytes() {
        return maxFileBytes;
    }

    /** The path below the root, without resolving any symbolic link. */
    public Path lexical(String hostPath) {
        String normalized = PathNames.normalize(hostPath);
        return normalized.equals("/") ? root : root.resolve(normalized.substring(1));
    }

    /** The host path of a path below the root: the inverse of {@link #lexical}. */
    public String hostPath(Path below) {
        Path relative = root.relativize(below.toAbsolutePath().normalize());
        return PathNames.normalize("/" + relative.toString().replace('\\', '/'));
    }

    /** Resolves every symbolic link in {@code hostPath}, staying inside the root. */
    public Path resolve(String hostPath) throws IOException {
        if (hostRoot) {
            return Path.of(hostPath);
        }
        return lexical(resolveHost(hostPath, true));
    }

    /** Resolves the parent directories but not the last component (for lstat and readlink). */
    public Path resolveNoFollow(String hostPath) throws IOException {
        if (hostRoot) {
            return Path.of(hostPath);
        }
        return lexical(resolveHost(hostPath, false));
    }

    /** Resolves {@code hostPath} to a link-free host path, or throws ELOOP-like errors. */
    public String resolveHost(String hostPath, boolean followLast) throws IOException {
        Deque<String> pending = new ArrayDeque<>();
        for (String part : hostPath.split("/+")) {
            if (!part.isEmpty()) {
                pending.addLast(part);
            }
        }
        List<String> current = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.pollFirst();
            if (part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!current.isEmpty()) {
                    current.remove(current.size() - 1);
                }
                continue;
            }
            current.add(part);
            boolean last = pending.isEmpty();
            Path candidate = lexical("/" + String.join("/", current));
            if ((followLast || !last) && Files.isSymbolicLink(candidate)) {
                if (++links > MAX_LINKS) {
                    throw new FileSystemException(hostPath, null, "Too many levels of symbolic links");
                }
                String target = Files.readSymbolicLink(candidate).toString();
                current.remove(current.size() - 1);
                if (target.startsWith("/")) {
                    current.clear();
                }
                String[] targetParts = target.split("/+");
                for (int i = targetParts.length - 1; i >= 0; i--) {
                    if (!targetParts[i].isEmpty()) {
                        pending.addFirst(targetParts[i]);
                    }
                }
            }
        }
        return "/" + String.join("/", current);
    }

    /** Test seam: called before any read of a resolved path; throw to simulate denial. */
    protected void beforeRead(String hostPath, Path resolved) throws IOException {}

    /** For collectors that open paths themselves (the file walker): applies the same checks. */
    public final void checkReadable(String hostPath, Path resolved) throws IOException {
        beforeRead(PathNames.normalize(hostPath), resolved);
    }

    public TextFile read(String hostPath) {
        return read(hostPath, maxFileBytes);
    }

    /** Reads at most {@code cap} bytes of a regular file as text. */
    public TextFile read(String hostPath, long cap) {
        String path = PathNames.normalize(hostPath);
        try {
            Path resolved = resolve(path);
            beforeRead(path, resolved);
            if (!Files.isRegularFile(resolved)) {
                return notRegular(path, resolved);
            }
            try (InputStream in = Files.newInputStream(resolved)) {
                byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, cap));
                boolean truncated = in.read() >= 0;
                return new TextFile(path, Texts.decode(bytes), truncated, null, null);
            }
        } catch (IOException e) {
            return TextFile.failed(path, classify(e), e.getMessage());
        }
    }

    /**
     * Streams the lines of a possibly large file (package databases) without holding it in memory.
     * Returns a {@link TextFile} with empty text that says whether the file was cut or unreadable.
     */
    public TextFile forEachLine(String hostPath, long cap, Consumer<String> consumer) {
        String path = PathNames.normalize(hostPath);
        try {
            Path resolved = resolve(path);
            beforeRead(path, resolved);
            if (!Files.isRegularFile(resolved)) {
                return notRegular(path, resolved);
            }
            try (CappedInputStream in = new CappedInputStream(Files.newInputStream(resolved), cap);
                    BufferedReader reader = new BufferedReader(new InputStreamReader(
                            in,
                            StandardCharsets.UTF_8
                                    .newDecoder()
                                    .onMalformedInput(CodingErrorAction.REPLACE)
                                    .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    consumer.accept(line);
                }
                return new TextFile(path, "", in.truncated(), null, null);
            }
        } catch (IOException e) {
            return TextFile.failed(path, classify(e), e.getMessage());
        }
    }

    private static TextFile notRegular(String path, Path resolved) {
        if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
            return TextFile.failed(path, TextFile.Problem.MISSING, null);
        }
        if (Files.isSymbolicLink(resolved)) {
            // Only reachable with root "/", where the kernel resolves: find out why it failed.
            try {
                resolved.toRealPath();
            } catch (IOException e) {
                return TextFile.failed(path, classify(e), e.getMessage());
            }
        }
        return TextFile.failed(path, TextFile.Problem.NOT_REGULAR, null);
    }

    /** Reads up to {@code length} bytes at {@code offset} of a binary file (lastlog, efivars). */
    public byte[] readBytes(String hostPath, long offset, int length) throws IOException {
        String path = PathNames.normalize(hostPath);
        Path resolved = resolve(path);
        beforeRead(path, resolved);
        try (var channel = Files.newByteChannel(resolved, StandardOpenOption.READ)) {
            if (offset > 0) {
                channel.position(offset);
            }
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(length);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // keep reading until full or end of file
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip();
            buffer.get(bytes);
            return bytes;
        }
    }

    /** A directory's entry names, sorted (file systems return them in any order). */
    public Listing list(String hostDir) {
        String path = PathNames.normalize(hostDir);
        try {
            Path resolved = resolve(path);
            beforeRead(path, resolved);
            List<String> names = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(resolved)) {
                for (Path entry : entries) {
                    names.add(entry.getFileName().toString());
                }
            }
            Collections.sort(names);
            return new Listing(path, names, null);
        } catch (NotDirectoryException e) {
            return new Listing(path, List.of(), TextFile.Problem.NOT_REGULAR);
        } catch (IOException e) {
            return new Listing(path, List.of(), classify(e));
        }
    }

    /** Sorted entry names of a directory, and why it could not be listed if so. */
    public record Listing(String path, List<String> names, TextFile.Problem problem) {
        public boolean ok() {
            return problem == null;
        }

        public boolean failedBadly() {
            return problem != null && problem != TextFile.Problem.MISSING;
        }
    }

    public boolean exists(String hostPath) {
        try {
            return Files.exists(resolve(hostPath));
        } catch (IOException e) {
            return false;
        }
    }

    public boolean isDirectory(String hostPath) {
        try {
            return Files.isDirectory(resolve(hostPath));
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code lstat}: the entry itself, not what a link points to. */
    public Optional<FileMeta> lstat(String hostPath) {
        try {
            String path = PathNames.normalize(hostPath);
            return Optional.of(meta(path, resolveNoFollow(path)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code stat}: follows links (inside the root). */
    public Optional<FileMeta> stat(String hostPath) {
        try {
            String path = PathNames.normalize(hostPath);
            // With root "/", resolve() leaves links to the kernel, so follow them here.
            return Optional.of(meta(path, resolve(path), true));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public Optional<String> readLink(String hostPath) {
        try {
            String path = PathNames.normalize(hostPath);
            Path resolved = resolveNoFollow(path);
            beforeRead(path, resolved);
            return Optional.of(Files.readSymbolicLink(resolved).toString());
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** Reads a path's metadata without following a final symbolic link. */
    public static FileMeta meta(String hostPath, Path resolved) throws IOException {
        return meta(hostPath, resolved, false);
    }

    /** Reads a path's metadata, following a final symbolic link only when asked. */
    public static FileMeta meta(String hostPath, Path resolved, boolean follow) throws IOException {
        LinkOption[] options = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
        try {
            Map<String, Object> a = Files.readAttributes(
                    resolved,
                    "unix:mode,uid,gid,size,lastModifiedTime,ctime,ino,dev,isRegularFile,isDirectory,isSymbolicLink",
                    options);
            return new FileMeta(
                    hostPath,
                    kind((Boolean) a.get("isRegularFile"), (Boolean) a.get("isDirectory"), (Boolean)
                            a.get("isSymbolicLink")),
                    (Long) a.get("size"),
                    (Integer) a.get("mode") & 07777,
                    (Integer) a.get("uid"),
                    (Integer) a.get("gid"),
                    ((FileTime) a.get("lastModifiedTime")).toInstant(),
                    ((FileTime) a.get("ctime")).toInstant(),
                    (Long) a.get("ino"),
                    (Long) a.get("dev"));
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            // Not a POSIX file system (Windows): fall back to what every platform knows.
            var basic = Files.readAttributes(resolved, java.nio.file.attribute.BasicFileAttributes.class, options);
            return new FileMeta(
                    hostPath,
                    kind(basic.isRegularFile(), basic.isDirectory(), basic.isSymbolicLink()),
                    basic.size(),
                    -1,
                    -1,
                    -1,
                    basic.lastModifiedTime().toInstant(),
                    basic.lastModifiedTime().toInstant(),
                    0,
                    0);
        }
    }

    private static FileMeta.Kind kind(boolean file, boolean dir, boolean link) {
        return file
                ? FileMeta.Kind.FILE
                : dir ? FileMeta.Kind.DIRECTORY : link ? FileMeta.Kind.SYMLINK : FileMeta.Kind.OTHER;
    }

    /** Maps an I/O failure to the reason a module reports. */
    public static TextFile.Problem classify(IOException e) {
        if (e instanceof NoSuchFileException) {
            return TextFile.Problem.MISSING;
        }
        if (e instanceof AccessDeniedException) {
            return TextFile.Problem.DENIED;
        }
        if (e instanceof FileSystemLoopException) {
            return TextFile.Problem.LOOP;
        }
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (reason != null && reason.contains("symbolic links")) {
            return TextFile.Problem.LOOP;
        }
        if (reason != null && (reason.contains("Permission denied") || reason.contains("Operation not permitted"))) {
            return TextFile.Problem.DENIED;
        }
        if (e instanceof NotDirectoryException) {
            return TextFile.Problem.MISSING;
        }
        return TextFile.Problem.IO;
    }
}

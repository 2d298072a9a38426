package io.tenantra.agent.modules;

import io.tenantra.model.ModuleResult;
import io.tenantra.model.OsFamily;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A host tree for one test: a copy of {@code src/test/resources/fixtures/<name>} in a temporary
 * directory (so tests can add links, huge files and junk bytes that do not belong in the
 * repository, and that Maven's resource copy would not preserve), plus recorded commands and a
 * fixed clock. {@link #run} goes through the real {@link ModuleRunner}.
 */
public final class Fixture {

    public static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

    private final Path root;
    private final RecordedCommands commands = new RecordedCommands();
    private final Map<String, String> settings = new HashMap<>();
    private Set<String> denied = Set.of();
    private ModuleLimits limits = ModuleLimits.defaults();

    private Fixture(Path root) {
        this.root = root;
    }

    /** Copies fixture {@code name} (may be absent: an empty host) into {@code temp}. */
    public static Fixture of(String name, Path temp) {
        Path target = temp.resolve("root");
        try {
            Files.createDirectories(target);
            var url = Fixture.class.getResource("/fixtures/" + name);
            if (url != null) {
                Path source = Path.of(url.toURI());
                try (Stream<Path> paths = Files.walk(source)) {
                    for (Path p : (Iterable<Path>) paths::iterator) {
                        Path dest = target.resolve(source.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(dest);
                        } else {
                            Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new Fixture(target);
    }

    public Path root() {
        return root;
    }

    public Path path(String hostPath) {
        return root.resolve(hostPath.replaceFirst("^/+", ""));
    }

    public RecordedCommands commands() {
        return commands;
    }

    public Fixture write(String hostPath, String content) {
        return write(hostPath, content.getBytes(StandardCharsets.UTF_8));
    }

    public Fixture write(String hostPath, byte[] content) {
        try {
            Path p = path(hostPath);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Fixture link(String hostPath, String target) {
        try {
            Path p = path(hostPath);
            Files.createDirectories(p.getParent());
            Files.deleteIfExists(p);
            Files.createSymbolicLink(p, Path.of(target));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Fixture mode(String hostPath, String posix) {
        try {
            Files.setPosixFilePermissions(
                    path(hostPath), java.nio.file.attribute.PosixFilePermissions.fromString(posix));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets mode bits the POSIX view cannot (setuid, setgid, sticky) through chmod. */
    public Fixture chmod(String hostPath, String octal) {
        try {
            Process p = new ProcessBuilder("chmod", octal, path(hostPath).toString()).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("chmod failed");
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes every read below these host paths fail with "permission denied". */
    public Fixture deny(String... hostPaths) {
        this.denied = Set.of(hostPaths);
        return this;
    }

    public Fixture set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public Fixture limits(ModuleLimits limits) {
        this.limits = limits;
        return this;
    }

    public ScanEnvironment environment() {
        return new ScanEnvironment(
                new DenyingHostFiles(root, limits.maxFileBytes(), denied),
                commands,
                OsFamily.LINUX,
                Clock.fixed(NOW, ZoneOffset.UTC),
                limits,
                settings);
    }

    public ModuleResult run(ScanModule module) {
        return new ModuleRunner(environment()).run(module);
    }
}

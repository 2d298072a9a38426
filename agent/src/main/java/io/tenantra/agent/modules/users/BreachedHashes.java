package io.tenantra.agent.modules.users;

import io.tenantra.agent.modules.ModuleContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * An optional local list of known-breached password hashes (for example hashes shipped in
 * published images or leaked from a fleet), one per line. The list is agent configuration, so it
 * is read from the agent's own file system, not through the scan root. A match only sets a flag;
 * neither the list nor the hash is ever reported.
 */
final class BreachedHashes {

    private static final int MAX_ENTRIES = 5_000_000;

    private final Set<String> hashes;

    private BreachedHashes(Set<String> hashes) {
        this.hashes = hashes;
    }

    static BreachedHashes load(ModuleContext ctx) {
        String location = ctx.setting(UsersModule.BREACHED_HASHES, null);
        if (location == null || location.isBlank()) {
            return new BreachedHashes(Set.of());
        }
        Set<String> hashes = new HashSet<>();
        try (BufferedReader reader = Files.newBufferedReader(Path.of(location), StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null && hashes.size() < MAX_ENTRIES) {
                String hash = line.strip();
                if (!hash.isEmpty() && !hash.startsWith("#")) {
                    hashes.add(hash);
                }
            }
        } catch (IOException | RuntimeException e) {
            ctx.result().partial("cannot read the known-breached hash list named by " + UsersModule.BREACHED_HASHES);
        }
        return new BreachedHashes(hashes);
    }

    /** Compares the hash behind any lock prefix: a locked account can be unlocked. */
    boolean matches(String field) {
        if (hashes.isEmpty() || field == null || field.isEmpty()) {
            return false;
        }
        String hash = field.replaceFirst("^[!*]+", "");
        return !hash.isEmpty() && hashes.contains(hash);
    }
}

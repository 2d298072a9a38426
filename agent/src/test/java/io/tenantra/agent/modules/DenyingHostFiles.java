package io.tenantra.agent.modules;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Simulates "permission denied" for chosen host paths. The tests run as root here, and root
 * reads files whatever their mode, so chmod 000 cannot produce the error; this raises the very
 * exception the JDK throws for EACCES, at the same point of every read.
 */
public final class DenyingHostFiles extends HostFiles {

    private final Set<String> denied;

    public DenyingHostFiles(Path root, long maxFileBytes, Set<String> denied) {
        super(root, maxFileBytes);
        this.denied = denied;
    }

    @Override
    protected void beforeRead(String hostPath, Path resolved) throws IOException {
        for (String d : denied) {
            if (PathNames.isUnder(hostPath, d)) {
                throw new AccessDeniedException(hostPath);
            }
        }
    }
}

package io.tenantra.database;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Database settings under {@code tenantra.database.*}.
 *
 * @param url external PostgreSQL JDBC URL; blank means "start the embedded server"
 * @param username the schema owner on the external server; runs the migrations
 * @param password its password
 * @param appRole the login role the application runs as; created by the migrations, subject to
 *     row-level security and unable to update or delete audit rows
 * @param poolSize connections in the application pool
 * @param binariesDir where the embedded PostgreSQL's programs are extracted and verified; an
 *     owner-only directory, {@code <data dir>/postgres-bin} when unset
 */
@ConfigurationProperties("tenantra.database")
record DatabaseProperties(
        String url, String username, String password, String appRole, int poolSize, Path binariesDir) {

    DatabaseProperties {
        appRole = appRole == null || appRole.isBlank() ? "tenantra_app" : appRole;
        poolSize = poolSize <= 0 ? 20 : poolSize;
        if (!appRole.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("tenantra.database.app-role must be a plain lower-case identifier");
        }
    }

    /** The binaries directory, or its default under {@code dataDir}. */
    Path binariesDir(Path dataDir) {
        return binariesDir == null || binariesDir.toString().isBlank() ? dataDir.resolve("postgres-bin") : binariesDir;
    }

    boolean embedded() {
        return url == null || url.isBlank();
    }
}

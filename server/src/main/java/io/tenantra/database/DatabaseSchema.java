package io.tenantra.database;

import io.tenantra.platform.secrets.SecretKeyring;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Brings the schema up to date as its owner and makes sure the application role can log in.
 * The role's password is generated once and kept in an owner-only table, so every server node
 * against the same database finds the same one.
 */
final class DatabaseSchema {

    private static final Logger log = LoggerFactory.getLogger(DatabaseSchema.class);
    private static final String PASSWORD_SECRET = "app_role_password";

    private DatabaseSchema() {}

    /**
     * Migrates, seals what must be sealed (see {@link SecretsAtRest}) and returns the password the
     * application role logs in with.
     */
    static String migrate(DatabaseEndpoint endpoint, String appRole, SecretKeyring keyring) {
        DataSource owner =
                new DriverManagerDataSource(endpoint.jdbcUrl(), endpoint.ownerUsername(), endpoint.ownerPassword());
        var result = Flyway.configure()
                .dataSource(owner)
                .locations("classpath:db/migration")
                .placeholders(Map.of("app_role", appRole))
                .cleanDisabled(true)
                .load()
                .migrate();
        log.info(
                "Database schema is at version {} ({} migration(s) applied now)",
                result.targetSchemaVersion == null ? "current" : result.targetSchemaVersion,
                result.migrationsExecuted);
        SecretsAtRest.reseal(owner, keyring);
        try (Connection c = owner.getConnection()) {
            String password = readOrCreatePassword(c);
            try (Statement s = c.createStatement()) {
                // NB: ALTER ROLE takes no bind parameters; the password is base64url only.
                s.execute("ALTER ROLE " + appRole + " LOGIN PASSWORD '" + password + "'");
            }
            return password;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the application database role " + appRole, e);
        }
    }

    private static String readOrCreatePassword(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT value FROM internal_secret WHERE name = ?")) {
            select.setString(1, PASSWORD_SECRET);
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    return rs.getString(1);
                }
            }
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO internal_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
            insert.setString(1, PASSWORD_SECRET);
            insert.setString(2, password);
            insert.executeUpdate();
        }
        // Another node may have won the race: read back what is stored.
        return readOrCreatePassword(c);
    }
}

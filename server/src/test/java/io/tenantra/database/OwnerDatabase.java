package io.tenantra.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.springframework.stereotype.Component;

/**
 * Test-only: a connection as the schema owner (a superuser on the embedded server), bypassing
 * row-level security and the application role's grants, to tamper with rows "out of band" the
 * way an attacker with database access would.
 */
@Component
public class OwnerDatabase {

    private final DatabaseEndpoint endpoint;

    OwnerDatabase(DatabaseEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(endpoint.jdbcUrl(), endpoint.ownerUsername(), endpoint.ownerPassword());
    }

    /** Runs one statement as the owner; returns the update count. */
    public int execute(String sql, Object... params) {
        try (Connection c = connect();
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

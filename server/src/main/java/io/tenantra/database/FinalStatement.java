package io.tenantra.database;

import io.tenantra.platform.context.TenantScope;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One statement to run last in a transaction, in its COMMIT's round trip (see {@link
 * CommitStatements}).
 *
 * @param scope the tenants the statement must see; the transaction's scope is replaced by the
 *     union of the final statements' scopes, which is safe because nothing runs after them
 * @param sql a single SELECT with {@code ?} placeholders and no trailing semicolon
 * @param parameters the values for the placeholders, in order (nulls allowed)
 * @param afterCommit reads the statement's rows once the transaction has committed; it must not
 *     throw for anything but a bug, since the commit can no longer be undone (failures are logged)
 */
public record FinalStatement(TenantScope scope, String sql, List<Object> parameters, RowsReader afterCommit) {

    public FinalStatement {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(afterCommit, "afterCommit");
        if (sql.contains(";")) {
            throw new IllegalArgumentException("a final statement is one statement without a semicolon");
        }
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters)); // nulls allowed, unlike List.copyOf
    }

    /** Reads the rows a final statement returned. */
    @FunctionalInterface
    public interface RowsReader {
        void read(ResultSet rows) throws SQLException;
    }
}

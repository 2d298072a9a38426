package io.tenantra.database;

import io.tenantra.platform.context.TenantScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The application's transaction manager: a plain JDBC one, except that at commit it sends the
 * transaction's {@link FinalStatement}s and the COMMIT to PostgreSQL as one pipelined batch (one
 * network round trip; the server runs them in order and stops at the first error, so a failing
 * final statement aborts the transaction instead of committing it).
 *
 * <p>Why: every audited write appends to its tenant's hash chain, which locks the chain head
 * until the commit. Appending in the commit's own round trip removes one round trip from every
 * audited write and keeps the head locked only while PostgreSQL commits.
 *
 * <p>The PostgreSQL driver learns from the server that the transaction ended; the plain commit
 * that follows is then a no-op.
 */
class CommitRoundTripTransactionManager extends JdbcTransactionManager {

    private static final Logger log = LoggerFactory.getLogger(CommitRoundTripTransactionManager.class);

    private final transient Supplier<List<CommitStatements>> sources;

    CommitRoundTripTransactionManager(DataSource dataSource, Supplier<List<CommitStatements>> sources) {
        super(dataSource);
        this.sources = sources;
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        List<FinalStatement> statements = new ArrayList<>();
        for (CommitStatements source : sources.get()) {
            statements.addAll(source.drain());
        }
        if (!statements.isEmpty()) {
            Connection con = ((JdbcTransactionObjectSupport) status.getTransaction())
                    .getConnectionHolder()
                    .getConnection();
            try {
                commitWith(con, statements);
            } catch (SQLException e) {
                // A RuntimeException that is not a TransactionException: the caller rolls back.
                throw translateException("JDBC commit with final statements", e);
            }
        }
        super.doCommit(status);
    }

    private static void commitWith(Connection con, List<FinalStatement> statements) throws SQLException {
        Set<UUID> tenants = new HashSet<>();
        for (FinalStatement statement : statements) {
            tenants.addAll(statement.scope().tenantIds());
        }
        // Usually the transaction's own scope already covers the statements; only a statement
        // for some other tenant needs the scope set (to exactly the statements' tenants) first.
        boolean setScope = !ScopeInEffect.covers(tenants);
        StringBuilder sql = new StringBuilder(setScope ? "SELECT set_config('app.tenant_ids', ?, true);\n" : "");
        for (FinalStatement statement : statements) {
            sql.append(statement.sql()).append(";\n");
        }
        sql.append("COMMIT");
        try (PreparedStatement ps = con.prepareStatement(sql.toString())) {
            int index = 1;
            if (setScope) {
                ps.setString(index++, TenantScope.of(tenants).asArrayLiteral());
            }
            for (FinalStatement statement : statements) {
                for (Object value : statement.parameters()) {
                    if (value == null) {
                        ps.setNull(index++, Types.NULL);
                    } else {
                        ps.setObject(index++, value);
                    }
                }
            }
            // Returns once the server has answered the whole batch, COMMIT included; any error
            // in it (the server skips what follows an error, COMMIT too) is thrown here.
            boolean atResult = ps.execute();
            if (setScope) {
                atResult = ps.getMoreResults(); // past set_config's row
            }
            // Committed. A reader failing now cannot undo anything, so it is logged, not thrown.
            for (int i = 0; i < statements.size(); i++) {
                FinalStatement statement = statements.get(i);
                if (i > 0) {
                    atResult = ps.getMoreResults();
                }
                if (!atResult) {
                    log.error("A committed final statement returned no rows: {}", statement.sql());
                    continue;
                }
                try (ResultSet rows = ps.getResultSet()) {
                    statement.afterCommit().read(rows);
                } catch (SQLException | RuntimeException e) {
                    log.error("Reading the result of a committed final statement failed: {}", statement.sql(), e);
                }
            }
        }
    }
}

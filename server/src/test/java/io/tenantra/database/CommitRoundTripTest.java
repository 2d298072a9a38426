package io.tenantra.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenantra.platform.context.TenantScope;
import io.tenantra.support.Fixtures;
import io.tenantra.support.ServerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Final statements ride on the COMMIT: they run after everything else in the transaction, a
 * failing one rolls the whole transaction back, their rows reach the reader only once the commit
 * has happened, and a transaction that rolls back never runs them.
 */
@ServerTest
class CommitRoundTripTest {

    @Autowired
    Fixtures fx;

    @Autowired
    TenantTransactions tx;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void clear() {
        TestCommitStatements.clear();
    }

    private void rename(UUID tenant, String name) {
        jdbc.sql("UPDATE tenant SET name = ? WHERE id = ?").params(name, tenant).update();
    }

    private String nameOf(UUID tenant) {
        return tx.read(
                TenantScope.of(tenant),
                () -> jdbc.sql("SELECT name FROM tenant WHERE id = ?")
                        .param(tenant)
                        .query(String.class)
                        .single());
    }

    @Test
    void aFinalStatementRunsLastAndItsRowsArriveAfterTheCommit() {
        UUID tenant = fx.tenant(fx.root(), "final-ok");
        List<String> seen = new ArrayList<>();
        tx.write(TenantScope.of(tenant), () -> {
            rename(tenant, "Renamed Before Commit");
            // Runs after the rename, so it sees the new name; read here would be too early.
            TestCommitStatements.queue(new FinalStatement(
                    TenantScope.of(tenant), "SELECT name FROM tenant WHERE id = ?", List.of(tenant), rows -> {
                        while (rows.next()) {
                            seen.add(rows.getString(1));
                        }
                    }));
            assertThat(seen).isEmpty();
            return null;
        });
        assertThat(seen).containsExactly("Renamed Before Commit");
        assertThat(nameOf(tenant)).isEqualTo("Renamed Before Commit");
    }

    @Test
    void aFailingFinalStatementRollsTheTransactionBack() {
        UUID tenant = fx.tenant(fx.root(), "final-fail");
        String before = nameOf(tenant);
        assertThatThrownBy(() -> tx.write(TenantScope.of(tenant), () -> {
                    rename(tenant, "Never Committed");
                    TestCommitStatements.queue(new FinalStatement(
                            TenantScope.of(tenant),
                            "SELECT 1 / (SELECT count(*) - count(*) FROM tenant WHERE id = ?)",
                            List.of(tenant),
                            rows -> {}));
                    return null;
                }))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("division by zero");
        assertThat(nameOf(tenant)).isEqualTo(before);
        // The connection went back to the pool in a usable state.
        tx.write(TenantScope.of(tenant), () -> {
            rename(tenant, "Committed Later");
            return null;
        });
        assertThat(nameOf(tenant)).isEqualTo("Committed Later");
    }

    @Test
    void aReaderFailingAfterTheCommitDoesNotUndoIt() {
        UUID tenant = fx.tenant(fx.root(), "final-reader");
        tx.write(TenantScope.of(tenant), () -> {
            rename(tenant, "Kept Despite Reader");
            TestCommitStatements.queue(new FinalStatement(TenantScope.of(tenant), "SELECT 1", List.of(), rows -> {
                throw new IllegalStateException("reader bug");
            }));
            return null;
        });
        assertThat(nameOf(tenant)).isEqualTo("Kept Despite Reader");
    }

    @Test
    void aRolledBackTransactionNeverRunsItsFinalStatements() {
        UUID tenant = fx.tenant(fx.root(), "final-rollback");
        List<String> seen = new ArrayList<>();
        assertThatThrownBy(() -> tx.write(TenantScope.of(tenant), () -> {
                    rename(tenant, "Rolled Back");
                    TestCommitStatements.queue(
                            new FinalStatement(TenantScope.of(tenant), "SELECT 'ran'", List.of(), rows -> {
                                rows.next();
                                seen.add(rows.getString(1));
                            }));
                    throw new IllegalStateException("the change fails");
                }))
                .hasMessage("the change fails");
        assertThat(seen).isEmpty();
        assertThat(nameOf(tenant)).isNotEqualTo("Rolled Back");
    }

    @Test
    void finalStatementsSeeTheTenantsTheyNameEvenOutsideTheTransactionsScope() {
        UUID mine = fx.tenant(fx.root(), "final-mine");
        UUID other = fx.tenant(fx.root(), "final-other");
        List<Object> seen = new ArrayList<>();
        tx.write(TenantScope.of(mine), () -> {
            TestCommitStatements.queue(new FinalStatement(
                    TenantScope.of(other), "SELECT id FROM tenant WHERE id = ?", List.of(other), rows -> {
                        while (rows.next()) {
                            seen.add(rows.getObject(1, UUID.class));
                        }
                    }));
            return null;
        });
        assertThat(seen).containsExactly(other);
    }

    @Test
    void aStatementQueuedInANestedScopeSeesItsTenantAfterTheOuterScopeIsRestored() {
        UUID outer = fx.tenant(fx.root(), "final-outer");
        UUID inner = fx.tenant(fx.root(), "final-inner");
        List<Object> seen = new ArrayList<>();
        tx.write(
                TenantScope.of(outer),
                () -> tx.write(TenantScope.of(inner), () -> {
                    // Queued while the scope is {inner}; the commit runs after {outer} is back in effect.
                    TestCommitStatements.queue(new FinalStatement(
                            TenantScope.of(inner), "SELECT id FROM tenant WHERE id = ?", List.of(inner), rows -> {
                                while (rows.next()) {
                                    seen.add(rows.getObject(1, UUID.class));
                                }
                            }));
                    return null;
                }));
        assertThat(seen).containsExactly(inner);
    }

    @Test
    void aFinalStatementIsOneStatement() {
        assertThatThrownBy(() -> new FinalStatement(
                        TenantScope.of(UUID.randomUUID()), "SELECT 1; SELECT 2", List.of(), rows -> {}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

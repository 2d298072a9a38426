package io.tenantra.database;

import java.util.List;

/**
 * Lets a module queue statements that must run last in a transaction. The transaction manager
 * sends them to PostgreSQL in the same round trip as the transaction's COMMIT, which has two
 * effects: they cost no network round trip of their own, and a lock they take is held only while
 * the commit itself runs, never across a round trip to the server. If one of them fails, the
 * transaction rolls back instead of committing.
 *
 * <p>The audit trail uses this to append a transaction's events to their tenants' hash chains
 * (see {@code io.tenantra.audit}).
 */
public interface CommitStatements {

    /**
     * Removes and returns what the committing transaction has queued, in order; empty when it
     * queued nothing. Called once per commit, on the committing thread, inside the transaction.
     */
    List<FinalStatement> drain();
}

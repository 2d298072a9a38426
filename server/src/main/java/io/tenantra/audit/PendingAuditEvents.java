package io.tenantra.audit;

import io.tenantra.database.CommitStatements;
import io.tenantra.database.FinalStatement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The events a transaction has recorded, waiting for its commit, where the transaction manager
 * appends them to their chains in the COMMIT's own round trip. A rollback drops them with the
 * transaction: no event without its change.
 *
 * <p>The queue is a {@link TransactionSynchronization} of the transaction, so Spring suspends it
 * with the transaction (REQUIRES_NEW) and discards it at completion.
 */
@Component
class PendingAuditEvents implements CommitStatements {

    private final ChainAppender chain;

    PendingAuditEvents(ChainAppender chain) {
        this.chain = chain;
    }

    /** Queues {@code event} on the current read-write transaction. */
    void add(ChainEvent event) {
        Queue queue = current();
        if (queue == null) {
            if (!TransactionSynchronizationManager.isSynchronizationActive()
                    || TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
                throw new IllegalStateException("audit events are queued on a read-write transaction only");
            }
            queue = new Queue();
            TransactionSynchronizationManager.registerSynchronization(queue);
        }
        queue.events.add(event);
    }

    @Override
    public List<FinalStatement> drain() {
        Queue queue = current();
        if (queue == null || queue.events.isEmpty()) {
            return List.of();
        }
        // Grouped by tenant (a stable sort keeps each chain's order): concurrent transactions
        // then lock chain heads in the same order and cannot deadlock on them.
        List<ChainEvent> events = new ArrayList<>(queue.events);
        queue.events.clear();
        events.sort(Comparator.comparing(ChainEvent::tenantId));
        return events.stream().map(chain::appendAtCommit).toList();
    }

    private static Queue current() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Queue queue) {
                return queue;
            }
        }
        return null;
    }

    private static final class Queue implements TransactionSynchronization {
        private final List<ChainEvent> events = new ArrayList<>();
    }
}

package io.tenantra.database;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** Test-only: final statements a test queues on its own thread for the next commit. */
@Component
class TestCommitStatements implements CommitStatements {

    private static final ThreadLocal<List<FinalStatement>> QUEUED = ThreadLocal.withInitial(ArrayList::new);

    static void queue(FinalStatement statement) {
        QUEUED.get().add(statement);
    }

    static void clear() {
        QUEUED.remove();
    }

    @Override
    public List<FinalStatement> drain() {
        List<FinalStatement> statements = List.copyOf(QUEUED.get());
        QUEUED.remove();
        return statements;
    }
}

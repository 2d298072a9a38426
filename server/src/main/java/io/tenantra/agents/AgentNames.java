package io.tenantra.agents;

import io.tenantra.database.TenantTransactions;
import io.tenantra.platform.context.TenantScope;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Agents' names for pages that show agent ids recorded elsewhere (the audit log's targets and
 * scan selectors): one query for a page of ids, under row-level security. Revoked agents keep
 * their names, since the log speaks of them too.
 */
@Service
public class AgentNames {

    private final JdbcClient jdbc;
    private final TenantTransactions tx;

    AgentNames(JdbcClient jdbc, TenantTransactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** The name of each of {@code ids} that exists within {@code scope}. */
    public Map<UUID, String> of(TenantScope scope, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String[] array = ids.stream().map(UUID::toString).distinct().toArray(String[]::new);
        return tx.read(scope, () -> {
            Map<UUID, String> names = new HashMap<>();
            jdbc.sql("SELECT id, name FROM agent WHERE id = ANY(?::uuid[])")
                    .param(array)
                    .query(rs -> {
                        names.put(rs.getObject("id", UUID.class), rs.getString("name"));
                    });
            return names;
        });
    }

    /**
     * Ids of the agents within {@code scope} whose name contains {@code text}
     * (case-insensitive), at most {@code limit}: for searches by name in logs that record ids.
     */
    public List<UUID> matching(TenantScope scope, String text, int limit) {
        String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return tx.read(
                scope,
                () -> jdbc.sql("SELECT id FROM agent WHERE name ILIKE ? ESCAPE '\\' LIMIT ?")
                        .param(like)
                        .param(limit)
                        .query(UUID.class)
                        .list());
    }
}

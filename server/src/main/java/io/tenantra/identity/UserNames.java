package io.tenantra.identity;

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
 * Users' names for pages that show ids recorded elsewhere (the audit log's targets): one query
 * for a whole page of ids, read under row-level security, so a user of a tenant outside the
 * scope stays nameless rather than leaking.
 */
@Service
public class UserNames {

    private final JdbcClient jdbc;
    private final TenantTransactions tx;

    UserNames(JdbcClient jdbc, TenantTransactions tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Display name and username of each of {@code ids} that exists within {@code scope}. */
    public Map<UUID, String> of(TenantScope scope, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        String[] array = ids.stream().map(UUID::toString).distinct().toArray(String[]::new);
        return tx.read(scope, () -> {
            Map<UUID, String> names = new HashMap<>();
            jdbc.sql("SELECT id, display_name, username FROM app_user WHERE id = ANY(?::uuid[])")
                    .param(array)
                    .query(rs -> {
                        names.put(
                                rs.getObject("id", UUID.class),
                                rs.getString("display_name") + " (" + rs.getString("username") + ")");
                    });
            return names;
        });
    }

    /**
     * Ids of the users within {@code scope} whose display name or username contains {@code text}
     * (case-insensitive), at most {@code limit}: for searches by name in logs that record ids.
     */
    public List<UUID> matching(TenantScope scope, String text, int limit) {
        String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return tx.read(
                scope,
                () -> jdbc.sql(
                                "SELECT id FROM app_user WHERE (display_name ILIKE ? ESCAPE '\\' OR username ILIKE ? ESCAPE '\\') LIMIT ?")
                        .param(like)
                        .param(like)
                        .param(limit)
                        .query(UUID.class)
                        .list());
    }
}
